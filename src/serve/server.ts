import type { Server as HttpServer, IncomingMessage } from "node:http";
import { createRequire } from "node:module";
import Fastify, {
  type FastifyBaseLogger,
  type FastifyHttpOptions,
  type FastifyInstance,
  LogController,
} from "fastify";
import { pino } from "pino";
import {
  createContext,
  MemoryResultCache,
  MemoryStateStore,
  RewardkitError,
  type RewardResult,
  type Sample,
  type StateStore,
} from "../core/index.js";
import type { LoadedSpec } from "../engine/index.js";
import type { AccessControlOptions } from "./access/access-control.js";
import type { ClientLimits } from "./access/client-limits.js";
import { installAccess } from "./access/install-access.js";
import type { ApiKeyOptions } from "./api-keys.js";
import { DiagnosticsRecorder } from "./diagnostics-recorder.js";
import { rolesFromSpec } from "./diagnostics-roles.js";
import { registerDiagnosticsRoute } from "./diagnostics-route.js";
import { requestIds, respondToError } from "./error-response.js";
import { type HotRoute, installHotPath } from "./hot-path.js";
import { InFlightScopes } from "./in-flight-scopes.js";
import { registerInfoRoutes } from "./info-routes.js";
import { parseJsonBody } from "./json-body.js";
import { checkJsonBody } from "./json-check.js";
import { listenError } from "./listen-error.js";
import { ServerMetrics } from "./metrics.js";
import { MicroBatcher } from "./micro-batcher.js";
import type { RouteDoc } from "./openapi.js";
import { openrlhfReplyTo, registerOpenrlhfRoute } from "./openrlhf-route.js";
import { defaultServeOptions, type ServeOptions } from "./options.js";
import { OrsHost, type OrsHosting } from "./ors/ors-host.js";
import { orsRouteList, registerOrsRoutes } from "./ors/ors-routes.js";
import { RequestScope, requestedTimeoutMs } from "./request-scope.js";
import { ResultsJson } from "./results-json.js";
import { registerScoreRoute, scoreReply } from "./score-route.js";
import type { ServeCore } from "./serve-core.js";
import { registerVerlRoutes } from "./verl-route.js";
import { ComponentKeys } from "./wire-results.js";

export interface RewardServerOptions extends Partial<ServeOptions> {
  readonly loaded: LoadedSpec;
  /** Per-run state shared by every request (default: in memory; Redis when several instances serve a run). */
  readonly stateStore?: StateStore;
  /** Describes the state store in /healthz and tells whether it is reachable. */
  readonly stateHealth?: () => { kind: string; ok: boolean };
  readonly logger?: FastifyBaseLogger;
  /** What GET /metrics serves instead of this server's own registry (a cluster worker's whole-cluster view). */
  readonly metricsText?: () => Promise<string>;
  /** Environments served over the Open Reward Standard beside the reward routes (`rewardkit serve --env`). */
  readonly ors?: OrsHosting;
  /** Keys every route but the health checks requires (`--api-key-env`), with their run scopes; none: open. */
  readonly access?: AccessControlOptions;
  /** Plain keys without ids or scopes (the ORS branch's form); `access` wins when both are given. */
  readonly apiKeys?: ApiKeyOptions;
  /** Request rate and concurrent requests per key (per address without keys). */
  readonly limits?: ClientLimits;
  /** Serve HTTPS with this certificate chain and private key (PEM), `--tls-cert`/`--tls-key`. */
  readonly tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  /** Fastify's `trustProxy` (`--trust-proxy`): take the client address from X-Forwarded-For of these proxies. */
  readonly trustProxy?: boolean | string | number;
  /**
   * Told of every scored batch, after the reply's results are computed (`serve --ui` keeps the
   * traffic for the inspector). Absent: nothing is called, the scoring path is unchanged.
   */
  readonly onScored?: (batch: ScoredBatch) => void;
  /** Mounts more routes before the server starts (`serve --ui` mounts the inspector under `/ui/`). */
  readonly routes?: (app: FastifyInstance) => Promise<void>;
}

/** One batch the server scored: what its observers (diagnostics, the inspector) receive. */
export interface ScoredBatch {
  run: string;
  step: number;
  samples: readonly Sample[];
  results: readonly RewardResult[];
}

export interface RewardServer {
  readonly app: FastifyInstance;
  readonly metrics: ServerMetrics;
  /** Records the traffic for `GET /v1/diagnostics` (on when the spec has a `diagnostics` section; absent without a spec). */
  readonly diagnostics?: DiagnosticsRecorder;
  /** The environments served over ORS, with their sessions (when the server hosts any). */
  readonly ors?: OrsHost;
  /** Starts listening; resolves with the base URL (port 0 picks a free port). */
  listen(options: { host: string; port: number }): Promise<string>;
  /**
   * Graceful shutdown: stop accepting, let in-flight requests finish, then release the spec and the
   * state store. After `timeoutMs`, requests still running are aborted (they get 503) and open
   * connections are closed. Resolves with whether it had to force.
   */
  close(options?: { timeoutMs?: number }): Promise<{ forced: boolean }>;
}

const version = (createRequire(import.meta.url)("../../package.json") as { version: string }).version;

const rewardRouteList =
  "POST /v1/score, POST /get_reward, POST /v1/verl/compute_score, POST /v1/verl/compute_score_batch, GET /v1/diagnostics, GET /healthz, GET /metrics, GET /openapi.json";

/**
 * Builds the reward server around a compiled spec (what `rewardkit serve` runs).
 * @example
 * ```ts
 * import { loadSpecFile } from "rewardkit";
 * import { createRewardServer } from "rewardkit/server";
 * const server = await createRewardServer({ loaded: await loadSpecFile("spec.yaml") });
 * const url = await server.listen({ host: "127.0.0.1", port: 8080 });
 * process.once("SIGTERM", () => void server.close());
 * ```
 */
export async function createRewardServer(options: RewardServerOptions): Promise<RewardServer> {
  const settings: ServeOptions = { ...defaultServeOptions, ...definedOnly(options) };
  const { loaded } = options;
  const logger = options.logger ?? pino({ level: "silent" });
  const stateStore: StateStore = options.stateStore ?? new MemoryStateStore();
  const stateHealth = options.stateHealth ?? (() => ({ kind: "memory", ok: true }));
  const cache = new MemoryResultCache(settings.cacheEntries);
  const scopes = new InFlightScopes<RequestScope>();
  let draining = false;
  const onScored = options.onScored;
  const diagnostics = new DiagnosticsRecorder({
    stateStore,
    settings: loaded.diagnostics?.settings,
    gold: loaded.diagnostics?.gold?.reward,
    roles: rolesFromSpec(loaded.spec.reward, loaded.diagnostics?.settings.roles),
    logger,
    cache,
    concurrency: settings.concurrency,
  });

  const batcher: MicroBatcher = new MicroBatcher({
    maxBatchSize: settings.batchMaxSize,
    maxWaitMs: settings.batchWaitMs,
    concurrency: settings.batchConcurrency,
    maxQueuedSamples: settings.maxQueuedSamples,
    onBatch: ({ samples }) => metrics.batch(samples),
    async score({ samples, run, step, signal }) {
      const context = createContext({
        runId: run,
        step,
        signal,
        cache,
        stateStore,
        logger,
        concurrency: settings.concurrency,
      });
      const results = await loaded.reward.score(samples, context);
      metrics.results(results);
      diagnostics.record({ run, step, samples, results });
      if (onScored) observe(onScored, { run, step, samples, results }, logger);
      return results;
    },
  });
  const metrics = new ServerMetrics({
    cache,
    gauges: {
      queuedSamples: () => batcher.queuedSamples,
      inFlightBatches: () => batcher.inFlightBatches,
      inFlightRequests: () => scopes.size,
    },
  });
  if (settings.openrlhfScore !== undefined && !loaded.componentNames.includes(settings.openrlhfScore)) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `no component "${settings.openrlhfScore}" in the spec (components: ${loaded.componentNames.join(", ")})`,
      { path: "--openrlhf-score" },
    );
  }
  const rootSpec = loaded.spec.reward as { on_error?: unknown };
  const core: ServeCore = {
    loaded,
    options: settings,
    batcher,
    metrics,
    // A composite root does not repeat its score in `components` (it is the reward); a leaf root does.
    componentKeys: new ComponentKeys(
      loaded.componentNames.length > 1 ? loaded.componentNames.slice(1) : loaded.componentNames,
    ),
    resultsJson: new ResultsJson(),
    rootName: loaded.reward.name,
    rootOnError: typeof rootSpec.on_error === "number" ? rootSpec.on_error : 0,
    warned: new Set(),
  };

  const ids = requestIds();
  const app = buildApp(settings, logger, options, ids);
  installHooks(app, {
    settings,
    metrics,
    scopes,
    isDraining: () => draining,
    ...(options.ors ? { routes: `${rewardRouteList}, ${orsRouteList}` } : {}),
  });
  await installAccess(app, options);
  const ors = options.ors ? new OrsHost({ ...options.ors, registry: metrics.registry }) : undefined;
  const routeDocs: RouteDoc[] = [
    ...registerScoreRoute(app, core),
    ...registerOpenrlhfRoute(app, core),
    ...registerVerlRoutes(app, core),
    ...(ors ? registerOrsRoutes(app, { host: ors, version, metrics }) : []),
    ...registerDiagnosticsRoute(app, { recorder: diagnostics, defaultRun: settings.defaultRun }),
  ];
  registerInfoRoutes(app, {
    core,
    version,
    routeDocs,
    health: () => ({ draining, state: stateHealth() }),
    ...(options.metricsText ? { metricsText: options.metricsText } : {}),
    ...(options.access
      ? { openPaths: options.access.publicMetrics ? ["/healthz", "/metrics"] : ["/healthz"] }
      : {}),
  });
  if (options.routes) await options.routes(app);
  // Keys, run scopes and rate limits are Fastify hooks: a server with any of them serves every
  // request through Fastify.
  const guarded =
    options.access !== undefined ||
    options.apiKeys !== undefined ||
    options.limits?.requestsPerWindow !== undefined ||
    options.limits?.maxConcurrent !== undefined;
  if (!guarded) {
    installHotPath(app, {
      routes: new Map<string, HotRoute>([
        ["/v1/score", (request) => scoreReply(core, request)],
        ["/get_reward", (request) => openrlhfReplyTo(core, request)],
      ]),
      settings,
      metrics,
      scopes,
      isDraining: () => draining,
      ids,
      logger,
    });
  }
  await app.ready();

  return {
    app,
    metrics,
    diagnostics,
    ...(ors ? { ors } : {}),
    async listen({ host, port }) {
      try {
        return await app.listen({ host, port });
      } catch (error) {
        throw listenError(error, { host, port });
      }
    },
    async close(closeOptions = {}) {
      draining = true;
      let forced = false;
      const timer = setTimeout(() => {
        forced = true;
        for (const scope of scopes) {
          scope.abort(
            new RewardkitError(
              "SHUTTING_DOWN",
              "the server is shutting down and could not finish this request in time",
            ),
          );
        }
        // Give the aborted requests a moment to send their 503, then drop every connection.
        setTimeout(() => app.server.closeAllConnections(), 200).unref();
      }, closeOptions.timeoutMs ?? 30_000);
      timer.unref();
      try {
        await app.close();
        await batcher.idle();
        await diagnostics.idle();
      } finally {
        clearTimeout(timer);
        await ors?.close();
        await loaded.close();
        await stateStore.close?.();
      }
      return { forced };
    },
  };
}

/** The Fastify app every rewardkit server starts from: JSON bodies of any content type, request ids, TLS. */
export function buildApp(
  settings: ServeOptions,
  logger: FastifyBaseLogger,
  transport: Pick<RewardServerOptions, "tls" | "trustProxy"> = {},
  ids: (request: IncomingMessage) => string = requestIds(),
): FastifyInstance {
  const options = {
    loggerInstance: logger,
    // Request lines are ours (onResponse, at debug level): Fastify's two info lines per request cost throughput.
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: settings.maxBodyBytes,
    return503OnClosing: false,
    forceCloseConnections: "idle",
    requestIdHeader: false,
    ...(transport.trustProxy !== undefined ? { trustProxy: transport.trustProxy as boolean | string } : {}),
    genReqId: ids,
  } satisfies FastifyHttpOptions<HttpServer>;
  // HTTPS changes only the socket: the app is used the same way (its `server` is a tls.Server).
  const app = (transport.tls
    ? Fastify({ ...options, https: { cert: transport.tls.cert, key: transport.tls.key } })
    : Fastify(options)) as unknown as FastifyInstance;
  // Trainers send JSON, but curl and some clients forget the content type: parse any body as JSON.
  app.removeAllContentTypeParsers();
  app.decorateRequest("nonFiniteInputs", null);
  app.addContentTypeParser("*", { parseAs: "string" }, (request, body, done) => {
    try {
      const parsed = parseJsonBody(body as string);
      if (parsed.nonFinite.length > 0) request.nonFiniteInputs = parsed.nonFinite;
      done(null, parsed.value);
    } catch (error) {
      done(error as Error, undefined);
    }
  });
  return app;
}

/** Request scopes and deadlines, draining, metrics, logging, and the JSON error and 404 replies. */
export function installHooks(
  app: FastifyInstance,
  options: {
    settings: ServeOptions;
    metrics: ServerMetrics;
    scopes: InFlightScopes<RequestScope>;
    isDraining: () => boolean;
    /** The routes a 404 lists (default: the reward server's). */
    routes?: string;
  },
): void {
  const { settings, metrics, scopes } = options;
  app.decorateRequest("scope", null as unknown as RequestScope);

  app.addHook("onRequest", async (request, reply) => {
    reply.header("x-request-id", request.id);
    const route = request.routeOptions.url ?? "unmatched";
    const started = performance.now();
    const scope = new RequestScope({
      response: reply.raw,
      timeoutMs: settings.requestTimeoutMs,
      onEnd(clientGone) {
        scopes.delete(scope);
        if (clientGone) {
          metrics.request({
            route,
            method: request.method,
            status: 499,
            seconds: (performance.now() - started) / 1000,
          });
          metrics.requestError(route, "ABORTED");
          request.log.info({ route }, "client closed the connection before the reply");
        }
      },
    });
    request.scope = scope;
    scopes.add(scope);
    if (options.isDraining()) {
      reply.header("connection", "close");
      throw new RewardkitError(
        "SHUTTING_DOWN",
        "the server is shutting down; send this request to another instance",
      );
    }
    const asked = requestedTimeoutMs(request.raw);
    if (asked !== undefined) scope.shorten(asked);
  });

  // While draining, every reply closes its connection, so keep-alive clients do not hold shutdown open.
  app.addHook("onSend", async (_request, reply) => {
    if (options.isDraining()) reply.header("connection", "close");
  });

  app.addHook("preHandler", async (request) => {
    if (request.body !== undefined) checkJsonBody(request.body, settings.maxDepth);
  });

  app.addHook("onResponse", async (request, reply) => {
    const route = request.routeOptions.url ?? "unmatched";
    const seconds = reply.elapsedTime / 1000;
    metrics.request({ route, method: request.method, status: reply.statusCode, seconds });
    request.scope?.dispose();
    if (reply.statusCode >= 500)
      request.log.warn({ route, status: reply.statusCode, ms: reply.elapsedTime }, "request failed");
    else request.log.debug({ route, status: reply.statusCode, ms: reply.elapsedTime }, "request done");
  });

  app.setErrorHandler(async (error, request, reply) => {
    const response = respondToError(error, {
      id: request.id,
      route: request.routeOptions.url ?? "unmatched",
      metrics,
      log: request.log,
      clientGone: request.scope?.clientGone === true,
    });
    // A limit that refused the request may have set its own Retry-After already.
    if (response.retryAfter !== undefined && !reply.hasHeader("retry-after"))
      reply.header("retry-after", response.retryAfter);
    if (response.closeConnection) reply.header("connection", "close");
    return reply.code(response.status).send(response.body);
  });

  app.setNotFoundHandler(async (request, reply) => {
    const path = request.url.split("?")[0] ?? request.url;
    const methods = allowedMethods(app, path);
    if (methods.length > 0) {
      reply.header("allow", methods.join(", "));
      throw new RewardkitError(
        "METHOD_NOT_ALLOWED",
        `${request.method} ${path} is not served; use ${methods.join(" or ")}`,
      );
    }
    throw new RewardkitError(
      "NOT_FOUND",
      `no route ${request.method} ${path}; routes: ${options.routes ?? rewardRouteList}`,
    );
  });
}

function allowedMethods(app: FastifyInstance, path: string): string[] {
  return (["GET", "POST"] as const).filter((method) => app.hasRoute({ method, url: path }));
}

/** Calls a batch observer; its failure is logged and never fails the request that was scored. */
function observe(
  observer: (batch: ScoredBatch) => void,
  batch: ScoredBatch,
  logger: FastifyBaseLogger,
): void {
  try {
    observer(batch);
  } catch (error) {
    logger.warn(
      { err: error, run: batch.run },
      "an observer of scored batches failed (the reply is unaffected)",
    );
  }
}

function definedOnly(options: Partial<ServeOptions>): Partial<ServeOptions> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(defaultServeOptions)) {
    const value = (options as Record<string, unknown>)[key];
    if (value !== undefined) out[key] = value;
  }
  return out as Partial<ServeOptions>;
}
