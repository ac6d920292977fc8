import { stat } from "node:fs/promises";
import { RewardkitError } from "../core/index.js";
import { jsonlFromStream, openJsonl } from "./jsonl-reader.js";
import { openParquet } from "./parquet-reader.js";
import type { RowSource } from "./row-source.js";

/** Opens rows from a file (`.jsonl`, `.jsonl.gz`, `.json` lines, `.parquet`) or `-` for stdin. */
export async function openRows(input: string): Promise<RowSource> {
  if (input === "-") return jsonlFromStream(process.stdin, "stdin");
  try {
    if ((await stat(input)).isDirectory()) throw new Error("it is a directory");
    if (input.endsWith(".parquet")) return await openParquet(input);
    return await openJsonl(input);
  } catch (error) {
    throw new RewardkitError("INPUT_INVALID", `cannot read ${input}: ${(error as Error).message}`, {
      path: input,
      cause: error,
    });
  }
}
