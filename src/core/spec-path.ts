import type { z } from "zod";
import { didYouMean } from "./suggest.js";

/** Joins a base path and a relative path: `reward` + `terms[0].weight` → `reward.terms[0].weight`. */
export function joinPath(base: string, relative: string | readonly PropertyKey[]): string {
  const tail = typeof relative === "string" ? relative : formatPath(relative);
  if (!base) return tail;
  if (!tail) return base;
  return tail.startsWith("[") ? `${base}${tail}` : `${base}.${tail}`;
}

export function formatPath(segments: readonly PropertyKey[]): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else out += out ? `.${String(segment)}` : String(segment);
  }
  return out;
}

/** A zod issue in the words users read: `expected number, received string`. */
export function describeIssue(
  issue: z.core.$ZodIssue,
  knownFields?: (path: readonly PropertyKey[]) => readonly string[] | undefined,
): string {
  switch (issue.code) {
    case "invalid_type": {
      const received = (issue as { received?: unknown }).received;
      const input = (issue as { input?: unknown }).input;
      const got = received ?? describeValue(input);
      return `expected ${issue.expected}, received ${String(got)}`;
    }
    case "unrecognized_keys": {
      const known = knownFields?.(issue.path);
      const named = issue.keys.map((key) => `"${key}"${known ? didYouMean(key, known) : ""}`);
      return `unknown field${issue.keys.length > 1 ? "s" : ""} ${named.join(", ")}`;
    }
    case "invalid_value": {
      // Echo the bad value and, for a misspelt word, the value it most likely meant.
      const input = (issue as { input?: unknown }).input;
      const expected = `expected one of ${issue.values.map((value) => JSON.stringify(value)).join(" | ")}`;
      if (input === undefined) return expected;
      const words = issue.values.filter((value): value is string => typeof value === "string");
      const hint = typeof input === "string" ? didYouMean(input, words) : "";
      return `${expected}, received ${JSON.stringify(input) ?? String(input)}${hint}`;
    }
    case "invalid_union": {
      const discriminated = discriminatorIssue(issue);
      if (discriminated) return discriminated;
      // Name the forms the union accepts when each branch failed on the value's type.
      const expected = issue.errors
        .map((branch) => branch[0])
        .filter((first) => first?.code === "invalid_type" && first.path.length === 0)
        .map((first) => (first as { expected: string }).expected);
      const input = (issue as { input?: unknown }).input;
      if (expected.length === issue.errors.length && expected.length > 0) {
        return `expected ${expected.join(" | ")}, received ${describeValue(input)}`;
      }
      const deepest = issue.errors.flat()[0];
      return deepest ? `${formatPath(deepest.path) || "value"}: ${describeIssue(deepest)}` : issue.message;
    }
    case "too_small":
      return issue.message.replace(/^Too small: /, "");
    case "too_big":
      return issue.message.replace(/^Too big: /, "");
    default:
      return issue.message;
  }
}

function describeValue(value: unknown): string {
  if (value === undefined) return "nothing (the field is missing)";
  if (value === null) return "null";
  if (Array.isArray(value)) return "array";
  return typeof value;
}

/** The field names of the object schema at `path` inside `schema` (through optional, default, arrays...). */
export function fieldsAt(schema: z.ZodType, path: readonly PropertyKey[]): readonly string[] | undefined {
  let current: unknown = schema;
  const unwrap = (value: unknown): unknown => {
    for (let depth = 0; depth < 10; depth++) {
      const def = (value as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
      if (!def) return value;
      if (def.innerType) value = def.innerType;
      else if (def.type === "pipe" && def.in) value = def.in;
      else return value;
    }
    return value;
  };
  for (const segment of path) {
    current = unwrap(current);
    const def = (current as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
    if (!def) return undefined;
    if (typeof segment === "number" && def.type === "array") current = def.element;
    else if (typeof segment === "string" && def.type === "object")
      current = (def.shape as Record<string, unknown>)[segment];
    else return undefined;
  }
  const def = (unwrap(current) as { _zod?: { def?: Record<string, unknown> } })?._zod?.def;
  return def?.type === "object" ? Object.keys(def.shape as Record<string, unknown>) : undefined;
}

/** A discriminated union's complaint ("which `type`?") with the value given and the nearest option. */
function discriminatorIssue(issue: z.core.$ZodIssue): string | undefined {
  const { discriminator, options, input } = issue as {
    discriminator?: unknown;
    options?: unknown;
    input?: unknown;
  };
  if (typeof discriminator !== "string" || !Array.isArray(options)) return undefined;
  const expected = `expected one of ${options.map((option) => JSON.stringify(option)).join(" | ")}`;
  const record = typeof input === "object" && input !== null ? (input as Record<string, unknown>) : undefined;
  const value = record?.[discriminator];
  if (value === undefined) {
    const misspelt = record
      ? Object.keys(record).find((key) => didYouMean(key, [discriminator]) !== "")
      : undefined;
    const hint = misspelt ? ` (there is a field "${misspelt}": did you mean \`${discriminator}\`?)` : "";
    return `missing, ${expected}${hint}`;
  }
  const words = options.filter((option): option is string => typeof option === "string");
  const hint = typeof value === "string" ? didYouMean(value, words) : "";
  return `${expected}, received ${JSON.stringify(value) ?? String(value)}${hint}`;
}
