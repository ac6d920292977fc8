import { describeIssue, formatPath, RewardkitError, type Sample, sampleSchema } from "../core/index.js";

/**
 * Where sample fields come from when a dataset names them differently, e.g.
 * `{ completion: "response", reference: "reward_model.ground_truth" }` (dot paths allowed).
 */
export type FieldMap = Readonly<
  Partial<Record<"id" | "prompt" | "completion" | "reference" | "group", string>>
>;

/** Parses `completion=response,reference=answer` into a FieldMap. */
export function parseFieldMap(text: string | undefined): FieldMap {
  const map: Record<string, string> = {};
  if (!text) return map;
  for (const pair of text.split(",")) {
    const [target, source] = pair.split("=").map((part) => part.trim());
    if (!target || !source || !["id", "prompt", "completion", "reference", "group"].includes(target)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `bad field mapping "${pair}": write target=source, target one of id, prompt, completion, reference, group`,
      );
    }
    map[target] = source;
  }
  return map;
}

/**
 * Watches the rows of a run for `--map` sources that no row has, so a misspelt column is named
 * instead of silently skipping every line.
 */
export class MappingCheck {
  readonly #pending = new Map<string, string>();
  readonly #columns = new Set<string>();

  constructor(fields: FieldMap) {
    for (const [target, path] of Object.entries(fields)) if (path) this.#pending.set(target, path);
  }

  /** Notes which mapped columns this row has. */
  see(row: Record<string, unknown>): void {
    if (this.#pending.size === 0) return;
    if (this.#columns.size < 50) for (const key in row) this.#columns.add(key);
    for (const [target, path] of this.#pending) {
      if (readPath(row, path) !== undefined) this.#pending.delete(target);
    }
  }

  /** One message per mapping whose column no row had. */
  warnings(): string[] {
    const columns = [...this.#columns].slice(0, 20).join(", ");
    return [...this.#pending].map(
      ([target, path]) =>
        `--map ${target}=${path}: no row has a column "${path}"${columns ? ` (columns seen: ${columns})` : ""}`,
    );
  }
}

/** Reads `a.b.c` from a row (undefined where the path breaks off). */
export function readPath(row: Record<string, unknown>, path: string): unknown {
  if (!path.includes(".")) return row[path];
  let value: unknown = row;
  for (const key of path.split(".")) {
    if (typeof value !== "object" || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

/** No mapping: one shared object rather than a fresh `{}` a row. */
const noFields: FieldMap = Object.freeze({});

/**
 * A row as a Sample, or the reason it is not one. Rows with plain string fields take a fast path;
 * anything else goes through the schema, whose message names the bad field.
 */
export function rowToSample(
  row: Record<string, unknown>,
  fields: FieldMap = noFields,
): Sample | RewardkitError {
  let source = row;
  if (fields.id || fields.prompt || fields.completion || fields.reference || fields.group) {
    source = { ...row };
    for (const [target, path] of Object.entries(fields)) source[target] = readPath(row, path as string);
  }
  // A missing prompt (or a null one, as columnar formats write it) is an empty prompt.
  if (source.prompt === null) source = { ...source, prompt: undefined };
  const prompt = source.prompt;
  const completion = source.completion;
  if (typeof completion === "string" && (prompt === undefined || typeof prompt === "string")) {
    if (prompt === undefined) source = { ...source, prompt: "" };
    const group = source.group;
    if (group === undefined || typeof group === "string" || typeof group === "number") {
      const meta = source.meta;
      if (meta === undefined || (typeof meta === "object" && meta !== null && !Array.isArray(meta))) {
        return source as Sample;
      }
    }
  }
  // Columnar formats (Parquet) write an absent value as null: null means "not given" here.
  for (const key of ["id", "group", "meta", "steps", "reference"] as const) {
    if (source[key] === null) {
      if (source === row) source = { ...row };
      delete source[key];
    }
  }
  const parsed = sampleSchema.safeParse(source, { reportInput: true });
  if (parsed.success) return parsed.data as Sample;
  const issue = parsed.error.issues[0];
  const field = (issue && formatPath(issue.path)) || "row";
  const top = issue?.path[0];
  const mapped = typeof top === "string" ? fields[top as keyof FieldMap] : undefined;
  const from = mapped ? ` (mapped from column "${mapped}" by --map)` : "";
  return new RewardkitError(
    "INPUT_INVALID",
    `${field}${from}: ${issue ? describeIssue(issue) : "invalid row"}`,
    { path: field },
  );
}
