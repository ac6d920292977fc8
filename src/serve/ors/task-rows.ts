import { contentText, type Message, RewardkitError } from "../../core/index.js";
import { readPath } from "../../engine/index.js";
import { openRows } from "../../io/index.js";

/** One task of a tool-tasks environment: what the agent is asked and what its answer is scored against. */
export interface TaskRow {
  id: string;
  prompt: string | Message[];
  reference: unknown;
  meta?: Record<string, unknown>;
}

/** The rows of one split, and the lines that could not be served (each named, for the log). */
export interface LoadedRows {
  rows: TaskRow[];
  skipped: { line: number; message: string }[];
}

/**
 * Reads a split's rows (JSONL or Parquet). A row needs a prompt (text or chat messages) and a
 * reference; a row without them is skipped and named, the others are served. No usable row at all
 * is an error naming the file. Ids default to `<split>-<line>`.
 */
export async function loadTaskRows(options: {
  file: string;
  split: string;
  fields: { id?: string | undefined; prompt?: string | undefined; reference?: string | undefined };
  limit?: number;
}): Promise<LoadedRows> {
  const { file, split, fields } = options;
  const rows: TaskRow[] = [];
  const skipped: LoadedRows["skipped"] = [];
  for await (const read of await openRows(file)) {
    if (options.limit !== undefined && rows.length >= options.limit) break;
    if (!read.ok) {
      skipped.push({ line: read.line, message: read.message });
      continue;
    }
    const prompt = readPath(read.row, fields.prompt ?? "prompt");
    const reference = readPath(read.row, fields.reference ?? "reference");
    const id = readPath(read.row, fields.id ?? "id");
    const problem =
      promptProblem(prompt) ?? (reference === undefined || reference === null ? "no reference" : undefined);
    if (problem) {
      skipped.push({ line: read.line, message: `${problem} (fields: ${Object.keys(read.row).join(", ")})` });
      continue;
    }
    const meta = read.row.meta;
    rows.push({
      id: typeof id === "string" || typeof id === "number" ? String(id) : `${split}-${read.line}`,
      prompt: prompt as string | Message[],
      reference,
      ...(typeof meta === "object" && meta !== null && !Array.isArray(meta)
        ? { meta: meta as Record<string, unknown> }
        : {}),
    });
  }
  if (rows.length === 0) {
    const first = skipped[0];
    throw new RewardkitError(
      "INPUT_INVALID",
      `${file}: no row has a prompt and a reference${first ? ` (line ${first.line}: ${first.message})` : " (the file is empty)"}`,
      { path: file },
    );
  }
  return { rows, skipped };
}

function promptProblem(prompt: unknown): string | undefined {
  if (typeof prompt === "string") return prompt.trim() === "" ? "an empty prompt" : undefined;
  if (!Array.isArray(prompt) || prompt.length === 0) return "no prompt";
  for (const message of prompt as Message[]) {
    if (typeof message !== "object" || message === null || typeof message.role !== "string") {
      return "a prompt message without a role";
    }
    try {
      contentText(message.content);
    } catch (error) {
      return (error as Error).message;
    }
  }
  return undefined;
}
