import { type OutRow, type RowSink, serialize } from "../io/index.js";
import type { GroupSpool } from "./group-spool.js";

/** An output row with the input line it came from. */
export type LinedOutRow = OutRow & { line: number };

/**
 * Writes rows out in input order. Batches that come in input order go straight to the sink;
 * batches taken group by group are parked in the spool (as their JSONL text) and written in input
 * order by `finish`.
 */
export class OrderedOutput {
  readonly #sink: RowSink;
  readonly #spool: GroupSpool | undefined;

  constructor(sink: RowSink, spool: GroupSpool | undefined) {
    this.#sink = sink;
    this.#spool = spool;
  }

  async write(rows: readonly LinedOutRow[]): Promise<void> {
    if (!this.#spool) return this.#sink.write(rows);
    this.#spool.keepOutput(rows.map((row) => ({ line: row.line, text: serialize(row) })));
  }

  /** Writes what was parked, in input order (nothing to do when rows went straight out). */
  async finish(): Promise<void> {
    if (!this.#spool) return;
    for (const page of this.#spool.outputs()) await this.#sink.write(page);
  }

  /** Closes the sink (flushes gzip, writes Parquet). */
  close(): Promise<void> {
    return this.#sink.close();
  }
}
