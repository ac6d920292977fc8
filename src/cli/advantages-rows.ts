import type { Sample } from "../core/index.js";
import { readPath } from "../engine/index.js";

/** A scored row read for `rewardkit advantages`, or what is wrong with it. */
export type AdvantageRow =
  | {
      ok: true;
      sample: Sample;
      reward: number;
      components: Record<string, number> | undefined;
      groupKey: unknown;
      /** The row's `turn_rewards` and `step_rewards` (as `score` writes them), for per-step estimators. */
      turnRewards?: number[];
      stepRewards?: number[];
    }
  | { ok: false; field: string; message: string };

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value);
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}

/**
 * `components` as an object. Parquet files written by earlier rewardkit versions (and by tools that
 * store nested values as text) hold it as a JSON string: such a string is read as the object it spells.
 */
function componentsOf(value: unknown): unknown {
  if (typeof value !== "string" || !value.trimStart().startsWith("{")) return value;
  try {
    return JSON.parse(value) as unknown;
  } catch {
    return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

/**
 * A row as the estimator's input. Only what advantages need is checked: a finite `reward`, a
 * `group` (string or number; any other value, e.g. a prompt given as messages, is keyed by its
 * JSON), `components` of numbers (null means "did not apply", as TRL's None), `steps` and `meta`.
 */
export function toAdvantageRow(
  row: Record<string, unknown>,
  fields: { reward: string; group: string },
): AdvantageRow {
  const reward = readPath(row, fields.reward);
  if (typeof reward !== "number" || !Number.isFinite(reward)) {
    return {
      ok: false,
      field: fields.reward,
      message: `expected a finite number, received ${describe(reward)}`,
    };
  }
  const rawGroup = readPath(row, fields.group);
  let group: string | number | undefined;
  if (rawGroup === undefined || rawGroup === null) group = undefined;
  else if (typeof rawGroup === "string" || typeof rawGroup === "number") group = rawGroup;
  else group = JSON.stringify(rawGroup);
  let components: Record<string, number> | undefined;
  const rawComponents = componentsOf(row.components);
  if (rawComponents !== undefined && rawComponents !== null) {
    if (!isRecord(rawComponents)) {
      return {
        ok: false,
        field: "components",
        message: `expected an object of numbers, received ${describe(rawComponents)}`,
      };
    }
    components = {};
    for (const [name, value] of Object.entries(rawComponents)) {
      if (value === null) continue;
      if (typeof value !== "number" || !Number.isFinite(value)) {
        return {
          ok: false,
          field: `components.${name}`,
          message: `expected a finite number or null, received ${describe(value)}`,
        };
      }
      components[name] = value;
    }
  }
  if (row.steps !== undefined && !(Array.isArray(row.steps) && row.steps.every(isRecord))) {
    return { ok: false, field: "steps", message: "expected an array of step objects" };
  }
  if (row.meta !== undefined && !isRecord(row.meta)) {
    return { ok: false, field: "meta", message: `expected an object, received ${describe(row.meta)}` };
  }
  // Estimators read only these fields; a small object instead of a copy of the whole row.
  const sample: Sample = {
    prompt: (row.prompt ?? "") as Sample["prompt"],
    completion: (row.completion ?? "") as Sample["completion"],
  };
  if (typeof row.id === "string" || typeof row.id === "number") sample.id = row.id;
  if (group !== undefined) sample.group = group;
  if (row.steps !== undefined) sample.steps = row.steps as NonNullable<Sample["steps"]>;
  if (row.meta !== undefined) sample.meta = row.meta as Record<string, unknown>;
  if (row.reference !== undefined) sample.reference = row.reference;
  const parsed: AdvantageRow = { ok: true, sample, reward, components, groupKey: group };
  for (const [field, key] of [
    ["turn_rewards", "turnRewards"],
    ["step_rewards", "stepRewards"],
  ] as const) {
    const values = row[field];
    if (values === undefined || values === null) continue;
    if (
      !Array.isArray(values) ||
      !values.every((value) => typeof value === "number" && Number.isFinite(value))
    ) {
      return { ok: false, field, message: "expected an array of finite numbers" };
    }
    parsed[key] = values as number[];
  }
  return parsed;
}
