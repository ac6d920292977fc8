/**
 * Visit counts of keys (hashed observations, positions, messages): episodic ones are cleared at each
 * episode's start, global ones never (Henaff et al. 2023, §17.1 of the methods doc; e3b's count.py).
 */
export class VisitCounts {
  readonly #counts = new Map<string, number>();

  /** Counts one visit of `key` and returns its count including this one. */
  visit(key: string): number {
    const count = (this.#counts.get(key) ?? 0) + 1;
    this.#counts.set(key, count);
    return count;
  }

  /** Visits so far (0 when never seen). */
  count(key: string): number {
    return this.#counts.get(key) ?? 0;
  }

  clear(): void {
    this.#counts.clear();
  }

  /** Distinct keys seen. */
  get size(): number {
    return this.#counts.size;
  }
}

/** The count bonus b = 1/√N (N ≥ 1 counts this visit): e3b's count.py, `counts ** -0.5`. */
export function inverseSqrtCount(count: number): number {
  if (!(count >= 1)) throw new RangeError(`a visit count must be at least 1, got ${count}`);
  return 1 / Math.sqrt(count);
}

/** count.py's episodic indicator 1[N_episode == 1]: a bonus only on the first visit of an episode. */
export function firstVisit(count: number): number {
  if (!(count >= 1)) throw new RangeError(`a visit count must be at least 1, got ${count}`);
  return count === 1 ? 1 : 0;
}
