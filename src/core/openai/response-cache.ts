import { createHash } from "node:crypto";
import { LRUCache } from "lru-cache";

/**
 * Judge replies by request content, so a re-run (or a retried training step) does not pay twice.
 * Values are the reply bodies as the server sent them (JSON text).
 */
export interface ResponseCache {
  get(key: string): string | undefined;
  set(key: string, value: string): void;
  close?(): void;
}

/**
 * The cache key of a request: endpoint, path, variant and the whole body. The client builds bodies
 * in a fixed field order, so their JSON is a stable key.
 */
export function requestKey(baseUrl: string, path: string, body: unknown, variant: number): string {
  return createHash("sha256")
    .update(`${baseUrl}${path}\u0000${variant}\u0000`)
    .update(JSON.stringify(body))
    .digest("base64url");
}

export class MemoryResponseCache implements ResponseCache {
  readonly #entries: LRUCache<string, string>;

  constructor(maxEntries = 50_000) {
    this.#entries = new LRUCache({ max: maxEntries });
  }

  get(key: string): string | undefined {
    return this.#entries.get(key);
  }

  set(key: string, value: string): void {
    this.#entries.set(key, value);
  }
}

/** A fast cache in front of a slower, persistent one; hits below are copied up. */
export class TieredResponseCache implements ResponseCache {
  constructor(
    readonly front: ResponseCache,
    readonly back: ResponseCache,
  ) {}

  get(key: string): string | undefined {
    const fast = this.front.get(key);
    if (fast !== undefined) return fast;
    const slow = this.back.get(key);
    if (slow !== undefined) this.front.set(key, slow);
    return slow;
  }

  set(key: string, value: string): void {
    this.front.set(key, value);
    this.back.set(key, value);
  }

  close(): void {
    this.front.close?.();
    this.back.close?.();
  }
}
