import type { IncomingMessage, ServerResponse } from "node:http";
import { RewardkitError, raceSignal } from "../core/index.js";
import type { NonFiniteInput } from "./non-finite.js";

/**
 * One request's lifetime: a deadline, the client going away, and a forced shutdown all abort its
 * signal, so the work behind it stops and the request never hangs.
 */
export class RequestScope {
  readonly #controller = new AbortController();
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

  get signal(): AbortSignal {
    return this.#controller.signal;
  }

  /** Whether the client hung up (nobody is listening for a reply). */
  get clientGone(): boolean {
    const reason: unknown = this.#controller.signal.reason;
    return RewardkitError.isInstance(reason) && reason.code === "ABORTED";
  }

  /** Shortens the deadline (a request may ask for less time than the server's default, never more). */
  shorten(timeoutMs: number): void {
    const elapsed = performance.now() - this.#startedAt;
    if (timeoutMs >= this.#deadlineMs || this.#controller.signal.aborted) return;
    this.#deadlineMs = timeoutMs;
    this.#arm(Math.max(0, timeoutMs - elapsed));
  }

  abort(reason: RewardkitError): void {
    if (this.#controller.signal.aborted) return;
    clearTimeout(this.#timer);
    this.#controller.abort(reason);
  }

  /** Waits for `work`, or rejects with the abort reason as soon as the scope aborts. */
  race<T>(work: Promise<T>): Promise<T> {
    const signal = this.#controller.signal;
    return raceSignal(work, signal, () => signal.reason);
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
