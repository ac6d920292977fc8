import type { Space } from "../environment.js";

/** A tool input read as an action, or why it is not one (said to the agent, so it can try again). */
export type ActionInput = { ok: true; action: unknown } | { ok: false; message: string };

/**
 * Reads the input of an action tool (`actionTool`) as an action of `space`. A discrete label is
 * matched without regard to case or surrounding spaces, and a label's index is accepted too
 * (clients that number actions); a box action must have exactly `size` finite numbers within the
 * bounds (no silent clipping: the agent is told what was wrong).
 */
export function readActionInput(space: Space, input: unknown): ActionInput {
  if (typeof input !== "object" || input === null || Array.isArray(input)) {
    return { ok: false, message: 'expected an object {"action": ...}' };
  }
  const extra = Object.keys(input).filter((key) => key !== "action");
  if (extra.length > 0)
    return { ok: false, message: `unexpected argument "${extra[0]}"; expected only "action"` };
  if (!("action" in input)) return { ok: false, message: 'missing argument "action"' };
  const value: unknown = (input as { action: unknown }).action;
  switch (space.kind) {
    case "discrete":
      return discreteAction(space, value);
    case "box":
      return boxAction(space, value);
    case "text":
      return typeof value === "string"
        ? { ok: true, action: value }
        : { ok: false, message: `"action" must be a string, got ${describe(value)}` };
  }
}

function discreteAction(space: Extract<Space, { kind: "discrete" }>, value: unknown): ActionInput {
  const labels = space.labels;
  if (typeof value === "string" && labels) {
    const wanted = value.trim().toLowerCase();
    const index = labels.findIndex((label) => label.toLowerCase() === wanted);
    if (index >= 0) return { ok: true, action: index };
    return { ok: false, message: `unknown action "${value}"; expected one of: ${labels.join(", ")}` };
  }
  const number = typeof value === "string" && /^\s*\d+\s*$/.test(value) ? Number(value) : value;
  if (typeof number === "number" && Number.isInteger(number) && number >= 0 && number < space.n) {
    return { ok: true, action: number };
  }
  const expected = labels ? `one of: ${labels.join(", ")}` : `an integer from 0 to ${space.n - 1}`;
  return { ok: false, message: `"action" must be ${expected}, got ${describe(value)}` };
}

function boxAction(space: Extract<Space, { kind: "box" }>, value: unknown): ActionInput {
  if (!Array.isArray(value) || value.length !== space.size) {
    return {
      ok: false,
      message: `"action" must be an array of ${space.size} numbers, got ${describe(value)}`,
    };
  }
  const action = new Float64Array(space.size);
  for (let index = 0; index < space.size; index++) {
    const item: unknown = value[index];
    if (typeof item !== "number" || !Number.isFinite(item)) {
      return { ok: false, message: `"action[${index}]" must be a finite number, got ${describe(item)}` };
    }
    if ((space.low !== undefined && item < space.low) || (space.high !== undefined && item > space.high)) {
      return {
        ok: false,
        message: `"action[${index}]" = ${item} is outside [${space.low ?? "-inf"}, ${space.high ?? "inf"}]`,
      };
    }
    action[index] = item;
  }
  return { ok: true, action };
}

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}
