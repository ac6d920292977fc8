import { sleep } from "../deadline.js";

export interface RateLimits {
  /** Requests a minute; undefined for no limit. */
  requestsPerMinute?: number | undefined;
  /** Tokens (prompt + completion) a minute; undefined for no limit. */
  tokensPerMinute?: number | undefined;
}

/**
 * A token bucket refilled continuously at `perMinute / 60 000` a millisecond, holding at most one
 * second's worth (so requests are paced evenly instead of bursting a minute's quota at once). The
 * level may go negative: a request larger than the bucket is let through when the bucket is full,
 * and tokens reported after a reply settle the difference from the estimate.
 */
class Bucket {
  readonly #ratePerMs: number;
  readonly #capacity: number;
  #level: number;
  #updated: number;

  constructor(perMinute: number, now: number) {
    this.#ratePerMs = perMinute / 60_000;
    this.#capacity = Math.max(1, perMinute / 60);
    this.#level = this.#capacity;
    this.#updated = now;
  }

  #refill(now: number): void {
    this.#level = Math.min(this.#capacity, this.#level + (now - this.#updated) * this.#ratePerMs);
    this.#updated = now;
  }

  /** Milliseconds until `amount` may be taken (0: take it now). */
  waitFor(amount: number, now: number): number {
    this.#refill(now);
    const needed = Math.min(amount, this.#capacity);
    return this.#level >= needed ? 0 : (needed - this.#level) / this.#ratePerMs;
  }

  take(amount: number): void {
    this.#level -= amount;
  }
}

/**
 * Requests-a-minute and tokens-a-minute limits for one endpoint, plus a shared pause: when the
 * server says `Retry-After`, every request to it waits, not just the one that was refused.
 * Waiters are served in arrival order.
 */
export class RateLimiter {
  readonly #requests: Bucket | undefined;
  readonly #tokens: Bucket | undefined;
  #pausedUntil = 0;
  #queue: Promise<void> = Promise.resolve();

  constructor(limits: RateLimits, now = Date.now()) {
    this.#requests = limits.requestsPerMinute ? new Bucket(limits.requestsPerMinute, now) : undefined;
    this.#tokens = limits.tokensPerMinute ? new Bucket(limits.tokensPerMinute, now) : undefined;
  }

  get limited(): boolean {
    return this.#requests !== undefined || this.#tokens !== undefined;
  }

  /** Waits until one request estimated at `tokens` tokens may go, then takes it from the buckets. */
  acquire(tokens: number, signal: AbortSignal): Promise<void> {
    if (!this.limited && this.#pausedUntil <= Date.now()) return Promise.resolve();
    const turn = this.#queue.then(() => this.#wait(tokens, signal));
    // The next waiter goes after this one, whether it got through or was aborted.
    this.#queue = turn.catch(() => undefined);
    return turn;
  }

  async #wait(tokens: number, signal: AbortSignal): Promise<void> {
    for (;;) {
      const now = Date.now();
      const wait = Math.max(
        this.#pausedUntil - now,
        this.#requests?.waitFor(1, now) ?? 0,
        this.#tokens?.waitFor(tokens, now) ?? 0,
      );
      if (wait <= 0) break;
      await sleep(Math.ceil(wait), signal);
    }
    this.#requests?.take(1);
    this.#tokens?.take(tokens);
  }

  /** Settles a request's token count once the server has reported it. */
  settle(estimated: number, actual: number): void {
    this.#tokens?.take(actual - estimated);
  }

  /** Holds every request until `until` (epoch ms). */
  pauseUntil(until: number): void {
    this.#pausedUntil = Math.max(this.#pausedUntil, until);
  }
}
