import { randomBytes } from "node:crypto";
import type { IncomingMessage } from "node:http";
import { RewardkitError } from "../core/index.js";
import { type ErrorReply, errorToReply } from "./http-errors.js";
import type { ServerMetrics } from "./metrics.js";

/** An error as the server answers it: status, body and the headers that go with it. */
export interface ErrorResponse {
  readonly status: number;
  readonly body: ErrorReply;
  /** Seconds for Retry-After (OVERLOADED, RATE_LIMITED). */
  readonly retryAfter?: string;
  /** A 413 closes the connection: the rest of the body is not worth reading. */
  readonly closeConnection: boolean;
}

/**
 * The reply to a failed request, counted in the metrics and logged (internal errors with their
 * stack, client errors at info, 503s not at all). The Fastify error handler and the hot path
 * (`hot-path.ts`) both answer through it, so an error reads the same whichever path served it.
 */
export function respondToError(
  error: unknown,
  request: {
    id: string;
    route: string;
    metrics: ServerMetrics;
    log: { error(fields: object, message: string): void; info(fields: object, message: string): void };
    /** The client hung up: its scope has counted and logged the 499 already. */
    clientGone?: boolean;
  },
): ErrorResponse {
  const { status, body, internal } = errorToReply(error, request.id);
  if (request.clientGone) return { status, body, closeConnection: false };
  request.metrics.requestError(request.route, body.error.code);
  if (internal) request.log.error({ err: error, route: request.route }, "internal error");
  else if (status !== 503)
    request.log.info(
      { route: request.route, code: body.error.code, path: body.error.path },
      body.error.message,
    );
  const retryable = body.error.code === "OVERLOADED" || body.error.code === "RATE_LIMITED";
  return {
    status,
    body,
    ...(retryable && RewardkitError.isInstance(error)
      ? { retryAfter: String(error.details?.retryAfterSeconds ?? 1) }
      : {}),
    closeConnection: body.error.code === "PAYLOAD_TOO_LARGE",
  };
}

/**
 * Request ids: a caller's sane `X-Request-Id` is kept (so logs join up across services), otherwise
 * a boot id and a counter. One generator per server, shared by Fastify and the hot path.
 */
export function requestIds(): (request: IncomingMessage) => string {
  const bootId = randomBytes(3).toString("hex");
  let counter = 0;
  return (request) => {
    const given = request.headers["x-request-id"];
    if (typeof given === "string" && /^[\w.:-]{1,128}$/.test(given)) return given;
    counter++;
    return `${bootId}-${counter.toString(36)}`;
  };
}
