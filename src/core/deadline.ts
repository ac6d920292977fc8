import { RewardkitError } from "./errors.js";

/**
 * Runs `work` with a signal that aborts at the deadline or when `parent` aborts, and rejects with
 * TIMEOUT at the deadline even if `work` ignores its signal. CPU-bound synchronous code cannot be
 * pre-empted this way: nodes that may spin (regexes, parsers, programs) bound themselves or run in
 * another thread or process.
 */
export async function withDeadline<T>(
  work: (signal: AbortSignal) => Promise<T> | T,
  options: { timeoutMs: number | undefined; parent: AbortSignal; what: string },
): Promise<T> {
  const { timeoutMs, parent, what } = options;
  if (parent.aborted) throw abortedError(parent, what);
  if (timeoutMs === undefined) {
    return raceAbort(
      Promise.resolve().then(() => work(parent)),
      parent,
      what,
    );
  }
  const controller = new AbortController();
  const timer = setTimeout(() => {
    controller.abort(new RewardkitError("TIMEOUT", `${what} exceeded timeout_ms=${timeoutMs}`));
  }, timeoutMs);
  const onParentAbort = () => controller.abort(parent.reason);
  // Without `{ once: true }`: a signal aborts once anyway, the finally removes the listener, and
  // Node's EventTarget takes ~3× as long to add and remove a listener with options (~1.1 against
  // ~0.35 µs; a batch node pays it on every batch, a node with a deadline on every sample).
  parent.addEventListener("abort", onParentAbort);
  try {
    return await raceAbort(
      Promise.resolve().then(() => work(controller.signal)),
      controller.signal,
      what,
    );
  } finally {
    clearTimeout(timer);
    parent.removeEventListener("abort", onParentAbort);
  }
}

function raceAbort<T>(promise: Promise<T>, signal: AbortSignal, what: string): Promise<T> {
  return raceSignal(promise, signal, () => abortedError(signal, what));
}

/**
 * Settles with `promise`, or rejects with `abortReason()` as soon as `signal` aborts (the work may
 * still be running; it is the caller's to stop through the same signal).
 */
export function raceSignal<T>(
  promise: Promise<T>,
  signal: AbortSignal,
  abortReason: () => unknown,
): Promise<T> {
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(abortReason());
  }
  return new Promise<T>((resolve, reject) => {
    // Removed when it fires or on either settlement: `{ once: true }` without its cost (see withDeadline).
    const onAbort = () => {
      signal.removeEventListener("abort", onAbort);
      reject(abortReason());
    };
    signal.addEventListener("abort", onAbort);
    promise.then(
      (value) => {
        signal.removeEventListener("abort", onAbort);
        resolve(value);
      },
      (error: unknown) => {
        signal.removeEventListener("abort", onAbort);
        reject(error);
      },
    );
  });
}

function abortedError(signal: AbortSignal, what: string): RewardkitError {
  const reason: unknown = signal.reason;
  if (RewardkitError.isInstance(reason)) return reason;
  return new RewardkitError(
    "ABORTED",
    `${what} was aborted${reason instanceof Error ? `: ${reason.message}` : ""}`,
  );
}

export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortedError(signal, "sleep"));
      return;
    }
    const timer = setTimeout(() => {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortedError(signal as AbortSignal, "sleep"));
    };
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}

/** Exponential backoff with full jitter: attempt 0 → up to base, 1 → up to 2·base, ... capped. */
export function backoffMs(attempt: number, baseMs = 200, capMs = 10_000): number {
  return Math.random() * Math.min(capMs, baseMs * 2 ** attempt);
}
