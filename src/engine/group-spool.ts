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
  // Outputs live in a second file with its own connection: the rows are read by one open
  // iterator (a connection that is iterating cannot run other statements).
  readonly #outputsDatabase = new Database(join(this.#folder, "outputs.db"));
  readonly #insert: Database.Statement<[number, string, number, string, number]>;
  readonly #insertOut: Database.Statement<[number, string]>;
  #pending: Array<[number, string, number, string, number]> = [];

  constructor() {
    for (const database of [this.#database, this.#outputsDatabase]) {
      database.pragma("journal_mode = OFF");
      database.pragma("synchronous = OFF");
      database.pragma("cache_size = -32768");
    }
    this.#database.exec(
      "CREATE TABLE rows (line INTEGER PRIMARY KEY, gkey TEXT NOT NULL, ok INTEGER NOT NULL, body TEXT NOT NULL, raw INTEGER NOT NULL)",
    );
    // Outputs are appended as they come (random inserts into a keyed B-tree are several times
    // slower) and sorted by line once, at the end.
    this.#outputsDatabase.exec("CREATE TABLE out (line INTEGER NOT NULL, body TEXT NOT NULL)");
    this.#insert = this.#database.prepare("INSERT INTO rows VALUES (?, ?, ?, ?, ?)");
    this.#insertOut = this.#outputsDatabase.prepare("INSERT INTO out VALUES (?, ?)");
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
    // No index: SQLite's sorter reads the table once in order and merge-sorts through temporary
    // files, faster than walking an index with a lookup per row.
    const rows = this.#database
      .prepare<[], StoredRow>("SELECT line, gkey, ok, body, raw FROM rows ORDER BY gkey, line")
      .iterate();
    for (const row of rows) yield restore(row);
  }

  /** Every parked row in input order. */
  async *inInputOrder(): AsyncGenerator<RowRead> {
    this.#flush();
    const rows = this.#database
      .prepare<[], StoredRow>("SELECT line, gkey, ok, body, raw FROM rows ORDER BY line")
      .iterate();
    for (const row of rows) yield restore(row);
  }

  /** Parks output lines (JSONL text) until the run is over. */
  keepOutput(lines: ReadonlyArray<{ line: number; text: string }>): void {
    this.#outputsDatabase.transaction(() => {
      for (const { line, text } of lines) this.#insertOut.run(line, text);
    })();
  }

  /** The parked output rows in input order, a page at a time. */
  *outputs(pageSize = 2048): Generator<OutRow[]> {
    const rows = this.#outputsDatabase
      .prepare<[], { line: number; body: string }>("SELECT line, body FROM out ORDER BY line, rowid")
      .iterate();
    let page: OutRow[] = [];
    for (const row of rows) {
      page.push({ row: JSON.parse(row.body) as Record<string, unknown>, additions: {}, text: row.body });
      if (page.length === pageSize) {
        yield page;
        page = [];
      }
    }
    if (page.length > 0) yield page;
  }

  close(): void {
    this.#database.close();
    this.#outputsDatabase.close();
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
