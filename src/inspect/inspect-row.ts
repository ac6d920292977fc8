import { completionText, promptText, type Sample } from "../core/index.js";

/** A scored row as the inspector holds it: what the page filters, plots and shows. */
export interface InspectRow {
  /** Position among the rows the inspector holds (the row's address in the JSON API). */
  index: number;
  /** The input line (files) or the arrival order (live traffic). */
  line: number;
  id?: string;
  group?: string;
  step?: number;
  /** The row's reward; null when the row carries none. */
  reward: number | null;
  components: Record<string, number>;
  advantage?: number;
  error?: { code: string; message: string; node?: string };
  reason?: string;
  prompt: unknown;
  completion: unknown;
  meta?: unknown;
  /** Per-row flags (row-flags.ts): degenerate text, its group's state, an error. */
  flags: string[];
}

/**
 * Reads one scored row as `rewardkit score` writes it (the input line with `reward`, `components`,
 * `advantage`, `reason` and `error` added). Fields of the wrong type are left out, never guessed.
 */
export function inspectRowOf(
  row: Record<string, unknown>,
  place: { index: number; line: number },
): InspectRow {
  const out: InspectRow = {
    index: place.index,
    line: place.line,
    reward: finite(row.reward) ?? null,
    components: numericRecord(row.components),
    prompt: row.prompt,
    completion: row.completion,
    flags: [],
  };
  const id = label(row.id);
  if (id !== undefined) out.id = id;
  const group = label(row.group);
  if (group !== undefined) out.group = group;
  const step = finite(typeof row.step === "string" && row.step.trim() !== "" ? Number(row.step) : row.step);
  if (step !== undefined) out.step = step;
  const advantage = finite(row.advantage);
  if (advantage !== undefined) out.advantage = advantage;
  const error = errorOf(row.error);
  if (error) out.error = error;
  if (typeof row.reason === "string") out.reason = row.reason;
  if (row.meta !== undefined) out.meta = row.meta;
  return out;
}

/** The text of a row's prompt or completion (messages joined), for search and the text checks. */
export function rowText(row: InspectRow, part: "prompt" | "completion"): string {
  const value = row[part];
  if (typeof value === "string") return value;
  if (value === undefined || value === null) return "";
  try {
    return part === "prompt"
      ? promptText({ prompt: value as Sample["prompt"] })
      : completionText({ completion: value as Sample["completion"] });
  } catch {
    return JSON.stringify(value);
  }
}

function finite(value: unknown): number | undefined {
  return typeof value === "number" && Number.isFinite(value) ? value : undefined;
}

function label(value: unknown): string | undefined {
  if (typeof value === "string") return value;
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

function numericRecord(value: unknown): Record<string, number> {
  const out: Record<string, number> = {};
  if (typeof value !== "object" || value === null || Array.isArray(value)) return out;
  for (const [key, item] of Object.entries(value)) {
    if (typeof item === "number" && Number.isFinite(item)) out[key] = item;
  }
  return out;
}

function errorOf(value: unknown): InspectRow["error"] {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string") return { code: "ERROR", message: value };
  if (typeof value !== "object") return { code: "ERROR", message: String(value) };
  const record = value as Record<string, unknown>;
  const error: NonNullable<InspectRow["error"]> = {
    code: typeof record.code === "string" ? record.code : "ERROR",
    message: typeof record.message === "string" ? record.message : JSON.stringify(value),
  };
  if (typeof record.node === "string") error.node = record.node;
  return error;
}
