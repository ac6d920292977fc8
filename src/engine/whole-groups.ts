import { openRows, type RowRead, type RowSource } from "../io/index.js";
import { groupAlignedBatches } from "./batches.js";
import { GroupSpool } from "./group-spool.js";

/** A row's group as batching compares it: strings and numbers as they are, other values by their JSON. */
export function groupKeyOf(value: unknown): string | number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === "string" || typeof value === "number") return value;
  return JSON.stringify(value);
}

export interface WholeGroupOptions {
  /** A file path or `-` for stdin. */
  input: string;
  /** Whether batches must hold whole groups (an advantage estimator or a node that compares within groups). */
  groupsMatter: boolean;
  batchSize: number;
  /** The row's group key (see groupKeyOf); undefined when the row has none. */
  groupOf(row: Record<string, unknown>): string | number | undefined;
  /** With `--resume`: how many usable rows the output already holds, and which rows are usable. */
  resume?: { rows: number; usable(read: RowRead): boolean };
  /** Told how far through the input reading is. */
  onProgress?: ((source: RowSource) => void) | undefined;
  /**
   * Stream a file at once, checking the order of its groups as it goes, instead of reading it once
   * just to check: the batches then throw GroupsOutOfOrder at the first group that comes back, and
   * the caller, whose output can be written again, starts over with `streamChecked` off.
   */
  streamChecked?: boolean;
}

/** A group came back after other groups (thrown by a plan made with `streamChecked`). */
export class GroupsOutOfOrder extends Error {
  constructor() {
    super("the rows are not sorted by group (a group came back after others)");
    this.name = "GroupsOutOfOrder";
  }
}

export interface WholeGroupPlan {
  source: RowSource;
  /** Batches in which no group is split, whatever the input order. */
  batches: AsyncIterable<RowRead[]>;
  /** True when the batches come in input order; else outputs are parked and put back in order. */
  inInputOrder: boolean;
  /** Where out-of-order outputs are parked (when not in input order). */
  spool: GroupSpool | undefined;
  /** With `--resume` out of input order: rows at or before this line were written by the earlier run. */
  writtenThrough: number | undefined;
  /** How the input was taken: "stream", "stream after a check of the order", "spooled". */
  how: "stream" | "checked" | "spooled in order" | "gathered";
  close(): void;
}

/** Tells whether the groups of a row stream are contiguous (a group's rows never come back later). */
class ContiguityCheck {
  readonly #closed = new Set<string | number>();
  #current: string | number | undefined;
  contiguous = true;

  add(key: string | number | undefined): boolean {
    if (key === undefined || key === this.#current) return this.contiguous;
    if (this.#closed.has(key)) this.contiguous = false;
    if (this.#current !== undefined) this.#closed.add(this.#current);
    this.#current = key;
    return this.contiguous;
  }
}

/**
 * Arranges the input so no group is split across batches (GRPO-style advantages and group-wise
 * rewards need every member of a group in one batch), in bounded memory:
 * - groups do not matter: the input streams as it is;
 * - a file: a first read checks whether each group's rows are contiguous (it stops at the first
 *   that is not); if they are, the file streams; if not, its rows are spooled to a temporary SQLite
 *   file and taken group by group;
 * - stdin: the rows are spooled (stdin cannot be read twice), then taken in input order when the
 *   groups were contiguous, else group by group.
 * When taken group by group, outputs are parked in the spool and written in input order at the end.
 */
export async function planWholeGroups(options: WholeGroupOptions): Promise<WholeGroupPlan> {
  const batching = (rows: AsyncIterable<RowRead>) =>
    groupAlignedBatches(rows, {
      size: options.batchSize,
      groupKey: (row) => options.groupOf(row),
    });
  const streamed = (source: RowSource, how: WholeGroupPlan["how"]): WholeGroupPlan => ({
    source,
    batches: batching(source),
    inInputOrder: true,
    spool: undefined,
    writtenThrough: undefined,
    how,
    close() {},
  });
  if (!options.groupsMatter) return streamed(await openRows(options.input), "stream");
  if (options.input !== "-" && options.streamChecked) {
    const source = await openRows(options.input);
    const check = new ContiguityCheck();
    const batches = groupAlignedBatches(source, {
      size: options.batchSize,
      groupKey(row) {
        const key = options.groupOf(row);
        if (!check.add(key)) throw new GroupsOutOfOrder();
        return key;
      },
    });
    return { ...streamed(source, "checked"), batches };
  }
  if (options.input !== "-") {
    const check = new ContiguityCheck();
    for await (const read of await openRows(options.input)) {
      if (read.ok && !check.add(options.groupOf(read.row))) break;
    }
    if (check.contiguous) return streamed(await openRows(options.input), "checked");
  }
  const source = await openRows(options.input);
  const spool = new GroupSpool();
  try {
    const check = new ContiguityCheck();
    let usable = 0;
    let writtenThrough: number | undefined;
    let count = 0;
    for await (const read of source) {
      const key = read.ok ? options.groupOf(read.row) : undefined;
      if (read.ok) check.add(key);
      spool.add(read, key === undefined ? "" : `${typeof key === "number" ? "n" : "s"}:${key}`);
      if (options.resume && usable < options.resume.rows && options.resume.usable(read)) {
        usable++;
        if (usable === options.resume.rows) writtenThrough = read.line;
      }
      if (++count % 1024 === 0) options.onProgress?.(source);
    }
    const inInputOrder = check.contiguous;
    return {
      source,
      batches: batching(inInputOrder ? spool.inInputOrder() : spool.byGroup()),
      inInputOrder,
      spool,
      writtenThrough:
        options.resume && options.resume.rows > 0 ? (writtenThrough ?? Number.POSITIVE_INFINITY) : undefined,
      how: inInputOrder ? "spooled in order" : "gathered",
      close: () => spool.close(),
    };
  } catch (error) {
    spool.close();
    throw error;
  }
}
