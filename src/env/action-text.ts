import type { Space } from "./environment.js";

/**
 * An action as text, for trajectory rows and spec rewards (the completion of a step): a discrete
 * action's label (`"up"`, `"cooperate"`) or its index, a text action as it is, a box action as a
 * JSON array of numbers rounded to 6 decimals.
 */
export function actionText(space: Space, action: unknown): string {
  if (typeof action === "string") return action;
  if (space.kind === "discrete" && typeof action === "number") {
    return space.labels?.[action] ?? String(action);
  }
  if (typeof action === "number") return String(action);
  if (ArrayBuffer.isView(action) || Array.isArray(action)) {
    const values = Array.from(action as ArrayLike<number>, (value) => Math.round(value * 1e6) / 1e6);
    return JSON.stringify(values);
  }
  return JSON.stringify(action) ?? String(action);
}

/** An action as a JSON value (typed arrays become arrays), for rows. */
export function actionValue(action: unknown): unknown {
  if (ArrayBuffer.isView(action)) return Array.from(action as unknown as ArrayLike<number>);
  return action;
}
