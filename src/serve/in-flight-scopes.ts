/** What the registry needs of an entry: a slot it may write its position into. */
export interface InFlightEntry {
  /** The entry's index in its registry, −1 when it is in none (the registry's own bookkeeping). */
  inFlightSlot: number;
}

/**
 * The requests in flight (for the in-flight gauge and for aborting them all at shutdown): an array
 * in which a removed entry's place is taken by the last one, each entry knowing its index.
 *
 * Why not a Set: a server adds and deletes one entry per request. With a Set, half of our
 * single-rollout runs promoted 3.2 KB per request to the old generation and paused 8× longer in GC;
 * with this registry, none did (docs/BENCHMARKS.md, "At the bare ceiling"). Our reading of V8, not
 * traced inside it: after each rehash, the OrderedHashSet's old table links to the new one and
 * still holds its entries. Once one old table is promoted, that chain keeps every later request
 * alive through young-generation collections until the next full collection.
 */
export class InFlightScopes<T extends InFlightEntry> implements Iterable<T> {
  readonly #entries: T[] = [];

  get size(): number {
    return this.#entries.length;
  }

  add(entry: T): void {
    if (entry.inFlightSlot >= 0) return;
    entry.inFlightSlot = this.#entries.length;
    this.#entries.push(entry);
  }

  /** Removes `entry`; false when it was not here. */
  delete(entry: T): boolean {
    const slot = entry.inFlightSlot;
    if (slot < 0 || this.#entries[slot] !== entry) return false;
    const last = this.#entries.pop() as T;
    if (last !== entry) {
      this.#entries[slot] = last;
      last.inFlightSlot = slot;
    }
    entry.inFlightSlot = -1;
    return true;
  }

  /** A snapshot: entries may leave while the caller walks it (an abort ends its request). */
  [Symbol.iterator](): Iterator<T> {
    return [...this.#entries][Symbol.iterator]();
  }
}
