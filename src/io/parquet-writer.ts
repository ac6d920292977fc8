import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { type ColumnSource, fileWriter, ParquetWriter, schemaFromColumnData } from "hyparquet-writer";
import { RewardkitError } from "../core/index.js";
import { openJsonl } from "./jsonl-reader.js";
import { jsonlFileSink, serialize } from "./jsonl-writer.js";
import type { RowSink } from "./row-sink.js";

/** What a column holds across every row written: the Parquet type follows from it. */
type ColumnKind = "null" | "number" | "boolean" | "string" | "json";

function kindOf(value: unknown): ColumnKind {
  if (value === null || value === undefined) return "null";
  if (typeof value === "number") return "number";
  if (typeof value === "boolean") return "boolean";
  if (typeof value === "string") return "string";
  return "json";
}

function widen(known: ColumnKind | undefined, next: ColumnKind): ColumnKind {
  if (known === undefined || known === "null") return next;
  if (next === "null" || next === known) return known;
  return "json";
}

const parquetType = {
  null: "STRING",
  number: "DOUBLE",
  boolean: "BOOLEAN",
  string: "STRING",
  json: "JSON",
} as const;

/**
 * Writes rows to Parquet so that every command reads back exactly what was written. Columns of
 * numbers, booleans or strings get those types; any other column (messages, `components`, `error`,
 * `meta`, a mix of kinds) is a JSON column (Parquet's JSON logical type), which readers — ours,
 * hyparquet, pyarrow — hand back as the object it was. Rows are spilled to a temporary JSONL file
 * while the run goes on and the Parquet file is written at `close`, once every column and its type
 * is known: a column that first appears in a later batch is kept, and memory stays bounded by one
 * row group (one batch).
 */
export function parquetFileSink(file: string): RowSink {
  const kinds = new Map<string, ColumnKind>();
  const batchSizes: number[] = [];
  let spill: { folder: string; file: string; sink: RowSink } | undefined;
  return {
    async write(outRows) {
      if (outRows.length === 0) return;
      if (!spill) {
        const folder = await mkdtemp(join(tmpdir(), "rewardkit-parquet-"));
        const spillFile = join(folder, "rows.jsonl");
        spill = { folder, file: spillFile, sink: jsonlFileSink(spillFile) };
      }
      const lines = [];
      for (const out of outRows) {
        const text = serialize(out);
        const row = { ...out.row, ...out.additions };
        for (const key in row) kinds.set(key, widen(kinds.get(key), kindOf(row[key])));
        lines.push({ row: {}, additions: {}, text });
      }
      await spill.sink.write(lines);
      batchSizes.push(outRows.length);
    },
    async close() {
      try {
        if (spill) await spill.sink.close();
        await writeParquet(file, kinds, batchSizes, spill?.file);
      } finally {
        if (spill) await rm(spill.folder, { recursive: true, force: true });
      }
    },
  };
}

async function writeParquet(
  file: string,
  kinds: ReadonlyMap<string, ColumnKind>,
  batchSizes: readonly number[],
  spillFile: string | undefined,
): Promise<void> {
  // No rows: still leave a valid (empty) file behind rather than nothing.
  const columns: Array<[string, ColumnKind]> = kinds.size > 0 ? [...kinds] : [["reward", "number"]];
  let writer: ParquetWriter;
  try {
    writer = new ParquetWriter({
      writer: fileWriter(file),
      schema: schemaOf(columns),
    });
  } catch (error) {
    throw new RewardkitError("BAD_REQUEST", `cannot write ${file}: ${(error as Error).message}`, {
      cause: error,
    });
  }
  if (spillFile) {
    let batch: Record<string, unknown>[] = [];
    let batchIndex = 0;
    for await (const read of await openJsonl(spillFile)) {
      if (!read.ok) throw new RewardkitError("INTERNAL", `Parquet spill file ${spillFile}: ${read.message}`);
      batch.push(read.row);
      if (batch.length === (batchSizes[batchIndex] ?? Number.POSITIVE_INFINITY)) {
        await writer.write({ columnData: columnsOf(batch, columns), rowGroupSize: batch.length });
        batch = [];
        batchIndex++;
      }
    }
    if (batch.length > 0)
      await writer.write({ columnData: columnsOf(batch, columns), rowGroupSize: batch.length });
  }
  await writer.finish();
}

function schemaOf(columns: ReadonlyArray<[string, ColumnKind]>) {
  return schemaFromColumnData({ columnData: columnsOf([], columns) });
}

function columnsOf(
  rows: readonly Record<string, unknown>[],
  columns: ReadonlyArray<[string, ColumnKind]>,
): ColumnSource[] {
  return columns.map(([name, kind]) => ({
    name,
    data: rows.map((row) => row[name] ?? null),
    type: parquetType[kind],
    nullable: true,
  }));
}
