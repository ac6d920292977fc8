import { type LoadedSpec, loadSpec } from "../engine/index.js";

/**
 * Compiled specs by content hash: a worker compiles each spec once, not once per chunk. The
 * oldest is closed when more than `size` specs are kept (a long-lived worker serving many runs).
 */
export class SpecCache {
  readonly #size: number;
  readonly #specs = new Map<string, Promise<LoadedSpec>>();

  constructor(size = 8) {
    this.#size = size;
  }

  get(hash: string, spec: unknown, baseDir: string): Promise<LoadedSpec> {
    const kept = this.#specs.get(hash);
    if (kept) return kept;
    const loading = loadSpec(spec, { baseDir });
    // A spec that fails to compile is not kept: the next chunk tries again and fails the same way.
    loading.catch(() => this.#specs.delete(hash));
    this.#specs.set(hash, loading);
    if (this.#specs.size > this.#size) {
      const [oldest] = this.#specs.keys();
      // (A chunk still scoring with it finishes first only when fewer than `size` runs overlap.)
      if (oldest !== undefined) this.#closeOne(oldest).catch(() => undefined);
    }
    return loading;
  }

  /** How many compiled specs are kept. */
  get size(): number {
    return this.#specs.size;
  }

  async close(): Promise<void> {
    await Promise.allSettled([...this.#specs.keys()].map((hash) => this.#closeOne(hash)));
  }

  async #closeOne(hash: string): Promise<void> {
    const loading = this.#specs.get(hash);
    this.#specs.delete(hash);
    const loaded = await loading?.catch(() => undefined);
    await loaded?.close();
  }
}
