import type { IncomingMessage, Server, ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyInstance } from "fastify";
import { respondToError } from "./error-response.js";
import type { InFlightScopes } from "./in-flight-scopes.js";
import { parseJsonBody } from "./json-body.js";
import { checkJsonBody } from "./json-check.js";
import type { ServerMetrics } from "./metrics.js";
import type { NonFiniteInput } from "./non-finite.js";
import type { ServeOptions } from "./options.js";
import { RequestScope, requestedTimeoutMs } from "./request-scope.js";
import type { RouteLog, RouteRequest } from "./serve-core.js";

/** A scoring route on the hot path: the request in, the reply's JSON text out (errors thrown). */
export type HotRoute = (request: RouteRequest) => Promise<string>;

export interface HotPathOptions {
  /** Routes served on the hot path, by exact URL (POST only). */
  readonly routes: ReadonlyMap<string, HotRoute>;
  readonly settings: ServeOptions;
  readonly metrics: ServerMetrics;
  readonly scopes: InFlightScopes<RequestScope>;
  readonly isDraining: () => boolean;
  readonly ids: (request: IncomingMessage) => string;
  readonly logger: FastifyBaseLogger;
}

/**
 * The trainers' scoring calls (`POST /get_reward`, `POST /v1/score`) answered straight from
 * node:http, beside Fastify, which keeps every other request. Under OpenRLHF's load (one rollout a
 * request) Fastify's routing, hooks, reply and child logger cost more than the reward: a Fastify
 * route doing nothing but the bare server's work reached 0.59 of bare node:http on this machine
 * (docs/BENCHMARKS.md, "At the bare ceiling"). The hot path keeps what the Fastify route does for
 * these requests — request ids, deadlines and scopes, the body limit, the tolerant JSON parse, the
 * depth check, metrics, logs, error replies — through the same functions (`respondToError`,
 * `parseJsonBody`, `checkJsonBody`, `RequestScope`, the routes' own `scoreReply` and
 * `openrlhfReplyTo`), and hands Fastify everything else untouched: a query string, a body without
 * Content-Length or larger than the limit, a server that is draining, and any server with keys or
 * limits (`createRewardServer` leaves the hot path off then), so those answers stay Fastify's own.
 */
export function installHotPath(app: FastifyInstance, options: HotPathOptions): void {
  const server = app.server as Server;
  const fastifyHandler = server.listeners("request")[0] as
    | ((request: IncomingMessage, response: ServerResponse) => void)
    | undefined;
  if (!fastifyHandler) return;
  server.removeListener("request", fastifyHandler);
  server.on("request", (request: IncomingMessage, response: ServerResponse) => {
    const route = request.method === "POST" ? options.routes.get(request.url ?? "") : undefined;
    if (route === undefined || !plainBody(request, options.settings.maxBodyBytes) || options.isDraining()) {
      fastifyHandler(request, response);
      return;
    }
    serveHot(request, response, route, options);
  });
}

/**
 * A body of a stated length within the limit, under no Content-Type or a well-formed one (anything
 * else takes Fastify's checks and replies: 413, 400 for a malformed media type, chunked bodies).
 */
function plainBody(request: IncomingMessage, maxBytes: number): boolean {
  const length = request.headers["content-length"];
  if (length === undefined || request.headers["transfer-encoding"] !== undefined) return false;
  const type = request.headers["content-type"];
  if (type !== undefined && !wellFormedMediaType.test(type)) return false;
  const bytes = Number(length);
  return bytes > 0 && bytes <= maxBytes;
}

/** `type/subtype` in RFC 9110 token characters, parameters after a `;` (what Fastify accepts, or less). */
const wellFormedMediaType = /^[\w!#$%&'*+.^`|~-]+\/[\w!#$%&'*+.^`|~-]+ *(?:;[^\r\n]*)?$/;

function serveHot(
  request: IncomingMessage,
  response: ServerResponse,
  route: HotRoute,
  options: HotPathOptions,
): void {
  const { metrics, scopes } = options;
  const id = options.ids(request);
  const url = request.url as string;
  response.setHeader("x-request-id", id);
  const started = performance.now();
  // A child logger per request costs as much as a small reward: made only when something is logged.
  let childLog: FastifyBaseLogger | undefined;
  const log = (): FastifyBaseLogger => {
    childLog ??= options.logger.child({ reqId: id });
    return childLog;
  };
  const routeLog: RouteLog = {
    info: (fields, message) => log().info(fields, message),
    warn: (fields, message) => log().warn(fields, message),
  };
  const scope: RequestScope = new RequestScope({
    response,
    timeoutMs: options.settings.requestTimeoutMs,
    onEnd(clientGone) {
      scopes.delete(scope);
      const seconds = (performance.now() - started) / 1000;
      if (clientGone) {
        metrics.request({ route: url, method: "POST", status: 499, seconds });
        metrics.requestError(url, "ABORTED");
        log().info({ route: url }, "client closed the connection before the reply");
        return;
      }
      metrics.request({ route: url, method: "POST", status: response.statusCode, seconds });
      if (response.statusCode >= 500)
        log().warn({ route: url, status: response.statusCode, ms: seconds * 1000 }, "request failed");
      else if (debugEnabled(options.logger))
        log().debug({ route: url, status: response.statusCode, ms: seconds * 1000 }, "request done");
    },
  });
  scopes.add(scope);
  const fail = (error: unknown, closeConnection = false): void => {
    const answer = respondToError(error, {
      id,
      route: url,
      metrics,
      log: log(),
      clientGone: scope.clientGone,
    });
    if (response.headersSent || response.destroyed) return;
    if (answer.retryAfter !== undefined) response.setHeader("retry-after", answer.retryAfter);
    if (closeConnection || answer.closeConnection) response.setHeader("connection", "close");
    send(response, answer.status, JSON.stringify(answer.body), options.isDraining);
  };
  try {
    const asked = requestedTimeoutMs(request);
    if (asked !== undefined) scope.shorten(asked);
  } catch (error) {
    fail(error);
    return;
  }
  const chunks: Buffer[] = [];
  request.on("data", (chunk: Buffer) => chunks.push(chunk));
  request.on("end", () => {
    const text = (chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks)).toString("utf8");
    let body: unknown;
    let nonFiniteInputs: readonly NonFiniteInput[] | null = null;
    try {
      const parsed = parseJsonBody(text);
      body = parsed.value;
      if (parsed.nonFinite.length > 0) nonFiniteInputs = parsed.nonFinite;
    } catch (error) {
      // As Fastify does for a body its parser refused: the client may not have sent it all.
      fail(error, true);
      return;
    }
    let input: RouteRequest;
    try {
      checkJsonBody(body, options.settings.maxDepth);
      input = {
        body,
        query: emptyQuery,
        scope,
        nonFiniteInputs,
        log: routeLog,
        // Keys and run scopes are Fastify's hooks: a server with them does not take the hot path.
        authorize: (target) => target.run,
      };
    } catch (error) {
      fail(error);
      return;
    }
    route(input).then(
      (text) => {
        if (!response.headersSent && !response.destroyed) send(response, 200, text, options.isDraining);
      },
      (error: unknown) => fail(error),
    );
  });
  // A client gone mid-body: the scope hears the close; nothing is left to answer.
  request.on("error", () => undefined);
}

/** pino's level check (a Fastify logger of another kind: assume debug is on). */
function debugEnabled(logger: FastifyBaseLogger): boolean {
  const check = (logger as { isLevelEnabled?: (level: string) => boolean }).isLevelEnabled;
  return check === undefined || check.call(logger, "debug");
}

const emptyQuery: Readonly<Record<string, never>> = Object.freeze({});

function send(response: ServerResponse, status: number, text: string, isDraining: () => boolean): void {
  // While draining, every reply closes its connection, so keep-alive clients do not hold shutdown open.
  try {
    if (isDraining()) response.setHeader("connection", "close");
    response.writeHead(status, {
      "content-type": "application/json; charset=utf-8",
      "content-length": Buffer.byteLength(text),
    });
    response.end(text);
  } catch {
    // The response cannot be written any more (a broken socket): drop it, never throw from a handler.
    response.destroy();
  }
}
