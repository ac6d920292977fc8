import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { OutRow, RowRead } from "../io/index.js";

interface StoredRow {
  line: number;
  gkey: string;
  ok: number;
  body: string;
  raw: number;
}

/**
 * Rows parked on disk (a temporary SQLite file) so that a run can take them group by group whatever
 * the input order, and then put the rows out back in input order — memory stays bounded by a page
 * of rows and SQLite's cache, whatever the input size. `gkey` is the group's key as text ("" for a
 * row without a group, which stands alone).
 */
export class GroupSpool {
  readonly #folder = mkdtempSync(join(tmpdir(), "rewardkit-spool-"));
  readonly #database = new Database(join(this.#folder, "spool.db"));
  readonly #insert: Database.Statement<[number, string, number, string, number]>;
  readonly #insertOut: Database.Statement<[number, string]>;
  #pending: Array<[number, string, number, string, number]> = [];

  constructor() {
    this.#database.pragma("journal_mode = OFF");
    this.#database.pragma("synchronous = OFF");
    this.#database.exec(
      "CREATE TABLE rows (line INTEGER PRIMARY KEY, gkey TEXT NOT NULL, ok INTEGER NOT NULL, body TEXT NOT NULL, raw INTEGER NOT NULL);" +
        "CREATE TABLE out (line INTEGER PRIMARY KEY, body TEXT NOT NULL);",
    );
    this.#insert = this.#database.prepare("INSERT INTO rows VALUES (?, ?, ?, ?, ?)");
    this.#insertOut = this.#database.prepare("INSERT OR REPLACE INTO out VALUES (?, ?)");
  }

  /** Parks one read row under its group key. */
  add(read: RowRead, groupKey: string): void {
    if (read.ok) {
      const raw = read.text !== undefined;
      this.#pending.push([
        read.line,
        groupKey,
        1,
        raw ? (read.text as string) : JSON.stringify(read.row),
        raw ? 1 : 0,
      ]);
    } else {
      this.#pending.push([read.line, "", 0, read.message, 0]);
    }
    if (this.#pending.length >= 4096) this.#flush();
  }

  #flush(): void {
    const rows = this.#pending;
    this.#pending = [];
    this.#database.transaction(() => {
      for (const row of rows) this.#insert.run(...row);
    })();
  }

  /** Every parked row, a group's rows together (groups by key, rows by line within a group). */
  async *byGroup(): AsyncGenerator<RowRead> {
    this.#flush();
    this.#database.exec("CREATE INDEX IF NOT EXISTS by_group ON rows (gkey, line)");
    const page = this.#database.prepare<[string, number], StoredRow>(
      "SELECT line, gkey, ok, body, raw FROM rows WHERE (gkey, line) > (?, ?) ORDER BY gkey, line LIMIT 2048",
    );
    let after: [string, number] = ["", -1];
    for (;;) {
      const rows = page.all(...after);
      if (rows.length === 0) return;
      for (const row of rows) yield restore(row);
      const last = rows[rows.length - 1] as StoredRow;
      after = [last.gkey, last.line];
    }
  }

  /** Every parked row in input order. */
  async *inInputOrder(): AsyncGenerator<RowRead> {
    this.#flush();
    const page = this.#database.prepare<[number], StoredRow>(
      "SELECT line, gkey, ok, body, raw FROM rows WHERE line > ? ORDER BY line LIMIT 2048",
    );
    let after = -1;
    for (;;) {
      const rows = page.all(after);
      if (rows.length === 0) return;
      for (const row of rows) yield restore(row);
      after = (rows[rows.length - 1] as StoredRow).line;
    }
  }

  /** Parks output lines (JSONL text) until the run is over. */
  keepOutput(lines: ReadonlyArray<{ line: number; text: string }>): void {
    this.#database.transaction(() => {
      for (const { line, text } of lines) this.#insertOut.run(line, text);
    })();
  }

  /** The parked output rows in input order, a page at a time. */
  *outputs(pageSize = 2048): Generator<OutRow[]> {
    const page = this.#database.prepare<[number, number], { line: number; body: string }>(
      "SELECT line, body FROM out WHERE line > ? ORDER BY line LIMIT ?",
    );
    let after = -1;
    for (;;) {
      const rows = page.all(after, pageSize);
      if (rows.length === 0) return;
      yield rows.map((row) => ({
        row: JSON.parse(row.body) as Record<string, unknown>,
        additions: {},
        text: row.body,
      }));
      after = (rows[rows.length - 1] as { line: number }).line;
    }
  }

  close(): void {
    this.#database.close();
    rmSync(this.#folder, { recursive: true, force: true });
  }
}

function restore(row: StoredRow): RowRead {
  if (!row.ok) return { ok: false, line: row.line, message: row.body };
  const parsed = JSON.parse(row.body) as Record<string, unknown>;
  return row.raw
    ? { ok: true, line: row.line, row: parsed, text: row.body }
    : { ok: true, line: row.line, row: parsed };
}
