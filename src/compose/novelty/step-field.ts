import { createHash } from "node:crypto";
import { RewardkitError, type Sample } from "../../core/index.js";

/** The value at a dotted path of each step of a trajectory, or the error naming the row's problem. */
export function stepValues(sample: Sample, field: string, node: string): unknown[] | RewardkitError {
  const steps = sample.steps;
  if (!steps || steps.length === 0)
    return new RewardkitError("NOT_APPLICABLE", `${node} needs a trajectory: the row has no \`steps\``);
  const path = field.split(".");
  const values: unknown[] = [];
  for (let index = 0; index < steps.length; index++) {
    let value: unknown = steps[index];
    for (const key of path)
      value =
        typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
    if (value === undefined || value === null)
      return new RewardkitError("INPUT_INVALID", `steps[${index}].${field} is missing (${node} reads it)`);
    values.push(value);
  }
  return values;
}

/**
 * A short stable hash of any JSON value (object keys sorted): equal observations or messages, equal
 * keys, so counts stay small in the per-run state whatever the observations' size.
 */
export function hashKey(value: unknown): string {
  return createHash("sha256").update(canonicalJson(value)).digest("base64url").slice(0, 16);
}

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) =>
      a < b ? -1 : a > b ? 1 : 0,
    );
    return `{${entries.map(([key, item]) => `${JSON.stringify(key)}:${canonicalJson(item)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}
