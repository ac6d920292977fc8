import type { IncomingMessage, ServerResponse } from "node:http";
import { RewardkitError } from "../core/index.js";
import type { InFlightEntry } from "./in-flight-scopes.js";
import type { NonFiniteInput } from "./non-finite.js";

/**
 * What a scoring job listens to for cancellation: a request's scope, or (in tests and other callers)
 * an AbortSignal through `cancellationOf`. Plain listeners, not an EventTarget: an AbortController
 * with one listener costs ~6 µs, a tenth of a single-rollout request's whole CPU time.
 */
export interface Cancellation {
  readonly aborted: boolean;
  readonly reason: unknown;
  /** Calls `listener` once when it aborts (never if it already has); returns the unsubscribe. */
  onAbort(listener: (reason: unknown) => void): () => void;
}

/** An AbortSignal as a Cancellation. */
export function cancellationOf(signal: AbortSignal): Cancellation {
  return {
    get aborted() {
      return signal.aborted;
    },
    get reason() {
      return signal.reason;
    },
    onAbort(listener) {
      const onAbort = () => listener(signal.reason);
      signal.addEventListener("abort", onAbort, { once: true });
      return () => signal.removeEventListener("abort", onAbort);
    },
  };
}

/**
 * One request's lifetime: a deadline, the client going away, and a forced shutdown all abort it,
 * so the work behind it stops and the request never hangs. The AbortSignal is made only when
 * something asks for one; the scoring path listens through `onAbort`.
 */
export class RequestScope implements Cancellation, InFlightEntry {
  /** Its place among the server's requests in flight (kept by `InFlightScopes`). */
  inFlightSlot = -1;
  #controller: AbortController | undefined;
  #reason: RewardkitError | undefined;
  #listeners: ((reason: unknown) => void)[] | undefined;
  #timer: NodeJS.Timeout | undefined;
  #deadlineMs: number;
  readonly #startedAt = performance.now();
  readonly #onClose: () => void;
  readonly #response: ServerResponse;

  readonly #onEnd: ((clientGone: boolean) => void) | undefined;
  #ended = false;

  /** `onEnd` is told once, when the reply is done or the client is gone. */
  constructor(options: {
    response: ServerResponse;
    timeoutMs: number;
    onEnd?: (clientGone: boolean) => void;
  }) {
    this.#response = options.response;
    this.#onEnd = options.onEnd;
    this.#deadlineMs = options.timeoutMs;
    this.#arm(options.timeoutMs);
    // The response closes before it is finished only when the client hung up.
    this.#onClose = () => {
      if (!this.#response.writableFinished) {
        this.abort(new RewardkitError("ABORTED", "the client closed the connection before the reply"));
      }
      this.dispose();
    };
    this.#response.once("close", this.#onClose);
  }

  get aborted(): boolean {
    return this.#reason !== undefined;
  }

  get reason(): RewardkitError | undefined {
    return this.#reason;
  }

  /** An AbortSignal that follows this scope (made on first use). */
  get signal(): AbortSignal {
    if (!this.#controller) {
      this.#controller = new AbortController();
      if (this.#reason) this.#controller.abort(this.#reason);
    }
    return this.#controller.signal;
  }

  /** Whether the client hung up (nobody is listening for a reply). */
  get clientGone(): boolean {
    return this.#reason?.code === "ABORTED";
  }

  onAbort(listener: (reason: unknown) => void): () => void {
    if (this.#reason) return noop;
    this.#listeners ??= [];
    this.#listeners.push(listener);
    return () => {
      const listeners = this.#listeners;
      const index = listeners ? listeners.indexOf(listener) : -1;
      if (index >= 0) listeners?.splice(index, 1);
    };
  }

  /** Shortens the deadline (a request may ask for less time than the server's default, never more). */
  shorten(timeoutMs: number): void {
    const elapsed = performance.now() - this.#startedAt;
    if (timeoutMs >= this.#deadlineMs || this.aborted) return;
    this.#deadlineMs = timeoutMs;
    this.#arm(Math.max(0, timeoutMs - elapsed));
  }

  abort(reason: RewardkitError): void {
    if (this.#reason) return;
    this.#reason = reason;
    clearTimeout(this.#timer);
    this.#controller?.abort(reason);
    const listeners = this.#listeners;
    this.#listeners = undefined;
    if (listeners) for (const listener of listeners) listener(reason);
  }

  dispose(): void {
    clearTimeout(this.#timer);
    this.#response.off("close", this.#onClose);
    if (this.#ended) return;
    this.#ended = true;
    this.#onEnd?.(!this.#response.writableFinished);
  }

  #arm(delayMs: number): void {
    clearTimeout(this.#timer);
    const deadline = this.#deadlineMs;
    this.#timer = setTimeout(() => {
      this.abort(
        new RewardkitError(
          "TIMEOUT",
          `the request's deadline of ${deadline} ms passed before scoring finished`,
        ),
      );
    }, delayMs);
  }
}

function noop(): void {}

/** The deadline a request asks for in `X-Request-Timeout-Ms`; a malformed value is the client's error. */
export function requestedTimeoutMs(request: IncomingMessage): number | undefined {
  const header = request.headers["x-request-timeout-ms"];
  if (header === undefined) return undefined;
  const value = Number(header);
  if (typeof header !== "string" || !Number.isFinite(value) || value <= 0) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `expected a positive number of milliseconds, got "${String(header)}"`,
      {
        path: "header X-Request-Timeout-Ms",
      },
    );
  }
  return value;
}

declare module "fastify" {
  interface FastifyRequest {
    /** This request's deadline and cancellation (set for every request by the server). */
    scope: RequestScope;
    /** Where the body held Python's `NaN`/`Infinity` tokens (null when it held none). */
    nonFiniteInputs: readonly NonFiniteInput[] | null;
  }
}
