import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { RewardkitError } from "../errors.js";
import type { ResponseCache } from "./response-cache.js";

/**
 * Judge replies in a SQLite file, shared by every run (and every process) that names it. WAL mode
 * lets several processes read while one writes; a busy timeout rides over a concurrent writer.
 */
export class SqliteResponseCache implements ResponseCache {
  readonly #database: Database.Database;
  readonly #select: Database.Statement<[string], { value: string }>;
  readonly #insert: Database.Statement<[string, string, number]>;

  constructor(file: string) {
    try {
      mkdirSync(dirname(file), { recursive: true });
      this.#database = new Database(file);
      this.#database.pragma("journal_mode = WAL");
      this.#database.pragma("busy_timeout = 5000");
      this.#database.exec(
        "CREATE TABLE IF NOT EXISTS judge_replies (key TEXT PRIMARY KEY, value TEXT NOT NULL, created_ms INTEGER NOT NULL)",
      );
    } catch (error) {
      throw new RewardkitError(
        "STATE_ERROR",
        `cannot open the judge cache ${file}: ${(error as Error).message}`,
        {
          cause: error,
        },
      );
    }
    this.#select = this.#database.prepare("SELECT value FROM judge_replies WHERE key = ?");
    this.#insert = this.#database.prepare(
      "INSERT OR REPLACE INTO judge_replies (key, value, created_ms) VALUES (?, ?, ?)",
    );
  }

  get(key: string): string | undefined {
    return this.#select.get(key)?.value;
  }

  set(key: string, value: string): void {
    this.#insert.run(key, value, Date.now());
  }

  /** How many replies the file holds. */
  get size(): number {
    const row = this.#database.prepare("SELECT count(*) AS n FROM judge_replies").get() as { n: number };
    return row.n;
  }

  close(): void {
    if (this.#database.open) this.#database.close();
  }
}
