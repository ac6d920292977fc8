import { RewardkitError, type RunState, type StateStore } from "../core/index.js";

/**
 * Where a shared state store keeps its values: one hash of JSON texts per run, with an atomic
 * compare-and-set. Redis is one (several instances); the cluster primary is another (several
 * workers of one `rewardkit serve --workers N`).
 */
export interface CasBackend {
  read(hash: string, field: string): Promise<string | null>;
  /** Writes `text`, or deletes the field when it is null. */
  write(hash: string, field: string, text: string | null): Promise<void>;
  /** Writes `next` only if the field still holds `previous` (null: absent). True when written. */
  compareAndSet(hash: string, field: string, previous: string | null, next: string): Promise<boolean>;
  readAll(hash: string): Promise<Record<string, string>>;
}

export interface CasStateStoreOptions {
  /** Key prefix; each run is one hash at `<prefix>run:<runId>`. */
  prefix?: string;
  /** Compare-and-set attempts before an update gives up with STATE_ERROR. */
  maxAttempts?: number;
}

/**
 * Per-run state shared between processes. Values are stored as JSON (so they must be JSON values).
 * `update` is atomic across processes by optimistic compare-and-set: it reads, applies `change`, and
 * writes only if nobody wrote in between, else tries again — so `change` must be a pure function of
 * the previous value.
 */
export class CasStateStore implements StateStore {
  readonly #backend: CasBackend;
  readonly #prefix: string;
  readonly #maxAttempts: number;
  /** Updates of one key from this process run one after another (no self-inflicted retries). */
  readonly #chains = new Map<string, Promise<unknown>>();

  constructor(backend: CasBackend, options: CasStateStoreOptions = {}) {
    this.#backend = backend;
    this.#prefix = options.prefix ?? "rewardkit:";
    this.#maxAttempts = options.maxAttempts ?? 50;
  }

  forRun(runId: string): RunState {
    const hash = `${this.#prefix}run:${runId}`;
    const backend = this.#backend;
    return {
      get: async <T>(key: string) => decode<T>(await backend.read(hash, key)),
      set: async <T>(key: string, value: T) => {
        await backend.write(hash, key, value === undefined ? null : JSON.stringify(value));
      },
      update: <T>(key: string, change: (previous: T | undefined) => T) =>
        this.#serialized(`${hash}\u0000${key}`, () => this.#update(hash, key, change)),
    };
  }

  async snapshot(runId: string): Promise<Record<string, unknown>> {
    const all = await this.#backend.readAll(`${this.#prefix}run:${runId}`);
    return Object.fromEntries(Object.entries(all).map(([key, text]) => [key, JSON.parse(text) as unknown]));
  }

  async #update<T>(hash: string, key: string, change: (previous: T | undefined) => T): Promise<T> {
    for (let attempt = 0; attempt < this.#maxAttempts; attempt++) {
      const previousText = await this.#backend.read(hash, key);
      const next = change(decode<T>(previousText));
      const nextText = JSON.stringify(next);
      if (nextText === undefined) {
        throw new RewardkitError(
          "STATE_ERROR",
          `state "${key}": update must return a JSON value, got undefined`,
        );
      }
      if (await this.#backend.compareAndSet(hash, key, previousText, nextText)) return next;
      // Another process wrote in between: back off a little (with jitter) and read again.
      await new Promise((resolve) => setTimeout(resolve, Math.random() * Math.min(50, 2 ** attempt)));
    }
    throw new RewardkitError(
      "STATE_ERROR",
      `state "${key}": too much contention (${this.#maxAttempts} attempts)`,
      { retryable: true },
    );
  }

  #serialized<T>(lockKey: string, work: () => Promise<T>): Promise<T> {
    const previous = this.#chains.get(lockKey) ?? Promise.resolve();
    const current = previous.then(work, work);
    const tail = current.catch(() => undefined);
    this.#chains.set(lockKey, tail);
    void tail.then(() => {
      if (this.#chains.get(lockKey) === tail) this.#chains.delete(lockKey);
    });
    return current;
  }
}

function decode<T>(text: string | null): T | undefined {
  return text === null ? undefined : (JSON.parse(text) as T);
}
