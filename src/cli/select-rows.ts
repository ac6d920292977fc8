import { readPath } from "../engine/index.js";

/** What `rewardkit select` ranks a row by: a numeric field, or a direction over its components. */
export type SelectBy =
  | { kind: "field"; path: string }
  | { kind: "direction"; weights: ReadonlyArray<readonly [string, number]> };

/** A scored row read for selection, or what is wrong with it. */
export type SelectRow =
  | { ok: true; value: number; group: string | number | undefined; errored: boolean }
  | { ok: false; field: string; message: string };

function describe(value: unknown): string {
  if (value === undefined) return "nothing";
  if (typeof value === "string") return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}…` : value);
  if (value === null) return "null";
  return Array.isArray(value) ? "an array" : typeof value;
}

/** `components` as an object (Parquet written by other tools may hold it as JSON text). */
function componentsOf(value: unknown): Record<string, unknown> | undefined {
  let parsed = value;
  if (typeof value === "string" && value.trimStart().startsWith("{")) {
    try {
      parsed = JSON.parse(value) as unknown;
    } catch {
      return undefined;
    }
  }
  return typeof parsed === "object" && parsed !== null && !Array.isArray(parsed)
    ? (parsed as Record<string, unknown>)
    : undefined;
}

/**
 * Reads the value a row is ranked by (`--by`, default `reward`; or `--direction`: Σ wᵢ·components[nameᵢ],
 * DPA's vᵀr), its group, and whether it carries a scoring `error` (its reward is then a node's
 * `on_error` value, not a judgment).
 */
export function toSelectRow(
  row: Record<string, unknown>,
  options: { by: SelectBy; group: string },
): SelectRow {
  let value: number;
  if (options.by.kind === "field") {
    const raw = readPath(row, options.by.path);
    if (typeof raw !== "number" || !Number.isFinite(raw)) {
      return {
        ok: false,
        field: options.by.path,
        message: `expected a finite number, received ${describe(raw)}`,
      };
    }
    value = raw;
  } else {
    const components = componentsOf(row.components);
    if (!components) {
      return {
        ok: false,
        field: "components",
        message: `expected an object of numbers, received ${describe(row.components)}`,
      };
    }
    value = 0;
    for (const [name, weight] of options.by.weights) {
      const component = components[name];
      if (typeof component !== "number" || !Number.isFinite(component)) {
        const known = Object.keys(components).join(", ") || "none";
        return {
          ok: false,
          field: `components.${name}`,
          message: `expected a finite number, received ${describe(component)} (components here: ${known})`,
        };
      }
      value += weight * component;
    }
  }
  const rawGroup = readPath(row, options.group);
  const group =
    rawGroup === undefined || rawGroup === null
      ? undefined
      : typeof rawGroup === "string" || typeof rawGroup === "number"
        ? rawGroup
        : JSON.stringify(rawGroup);
  return { ok: true, value, group, errored: typeof row.error === "object" && row.error !== null };
}

/**
 * `--direction helpfulness=0.97,verbosity=-0.26` as [name, weight] pairs; `unit` scales them to
 * ‖v‖₂ = 1 (DPA's direction).
 */
export function parseDirection(text: string, unit: boolean): [string, number][] | string {
  const weights: [string, number][] = [];
  for (const part of text.split(",")) {
    const match = /^\s*([^=\s]+)\s*=\s*(\S+)\s*$/.exec(part);
    const weight = match ? Number(match[2]) : Number.NaN;
    if (!match || !Number.isFinite(weight))
      return `expected name=weight,... (e.g. helpfulness=0.97,verbosity=-0.26), got "${part}"`;
    weights.push([match[1] as string, weight]);
  }
  if (!unit) return weights;
  const size = Math.sqrt(weights.reduce((sum, [, weight]) => sum + weight * weight, 0));
  if (size === 0) return "a zero direction cannot be scaled to unit length";
  return weights.map(([name, weight]) => [name, weight / size]);
}
