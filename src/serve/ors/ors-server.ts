import { createRequire } from "node:module";
import type { FastifyBaseLogger } from "fastify";
import { pino } from "pino";
import { MemoryResultCache, RewardkitError } from "../../core/index.js";
import type { AccessControlOptions } from "../access/access-control.js";
import type { ClientLimits } from "../access/client-limits.js";
import { installAccess } from "../access/install-access.js";
import type { ApiKeyOptions } from "../api-keys.js";
import { InFlightScopes } from "../in-flight-scopes.js";
import { listenError } from "../listen-error.js";
import { ServerMetrics } from "../metrics.js";
import { openApiDocument } from "../openapi.js";
import { defaultServeOptions, type ServeOptions } from "../options.js";
import type { RequestScope } from "../request-scope.js";
import { buildApp, installHooks, type RewardServer } from "../server.js";
import { OrsHost, type OrsHosting } from "./ors-host.js";
import { orsRouteList, registerOrsRoutes } from "./ors-routes.js";

const version = (createRequire(import.meta.url)("../../../package.json") as { version: string }).version;

const routes = `${orsRouteList}, GET /healthz, GET /metrics, GET /openapi.json`;

/**
 * A server for ORS environments alone (`rewardkit serve --env ...` without `--spec`): the ORS
 * routes, /healthz, /metrics and /openapi.json, with the reward server's hooks (deadlines,
 * draining, request metrics, API keys) and its graceful shutdown. With a spec, the reward server
 * hosts them instead (`createRewardServer({ loaded, ors })`).
 */
export async function createOrsServer(options: {
  ors: OrsHosting;
  settings?: Partial<ServeOptions>;
  logger?: FastifyBaseLogger;
  apiKeys?: ApiKeyOptions;
  /** Keys with ids (`--api-key-env`); ORS sessions have no run, so run scopes do not apply to them. */
  access?: AccessControlOptions;
  limits?: ClientLimits;
  tls?: { readonly cert: string | Buffer; readonly key: string | Buffer };
  trustProxy?: boolean | string | number;
}): Promise<RewardServer> {
  const settings: ServeOptions = { ...defaultServeOptions, ...options.settings };
  const logger = options.logger ?? pino({ level: "silent" });
  const scopes = new InFlightScopes<RequestScope>();
  let draining = false;
  const metrics = new ServerMetrics({
    cache: new MemoryResultCache(1),
    gauges: { queuedSamples: () => 0, inFlightBatches: () => 0, inFlightRequests: () => scopes.size },
  });
  const host = new OrsHost({ ...options.ors, registry: metrics.registry });
  const app = buildApp(settings, logger, options);
  installHooks(app, { settings, metrics, scopes, isDraining: () => draining, routes });
  await installAccess(app, options);
  const docs = registerOrsRoutes(app, { host, version, metrics });
  const startedAt = performance.now();
  const document = openApiDocument({ routes: docs, version });
  app.get("/healthz", async (_request, reply) =>
    reply.code(draining ? 503 : 200).send({
      status: draining ? "draining" : "ok",
      version,
      uptime_s: Math.round((performance.now() - startedAt) / 1000),
      environments: host.environments.map((environment) => ({
        name: environment.name,
        kind: environment.kind,
      })),
      sessions: host.sessions.size,
      pid: process.pid,
    }),
  );
  app.get("/metrics", async (_request, reply) =>
    reply.type(metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  app.get("/openapi.json", async () => document);
  await app.ready();

  return {
    app,
    metrics,
    ors: host,
    async listen({ host: address, port }) {
      try {
        return await app.listen({ host: address, port });
      } catch (error) {
        throw listenError(error, { host: address, port });
      }
    },
    async close(closeOptions = {}) {
      draining = true;
      let forced = false;
      const timer = setTimeout(() => {
        forced = true;
        for (const scope of scopes) {
          scope.abort(
            new RewardkitError("SHUTTING_DOWN", "the server is shutting down and could not finish in time"),
          );
        }
        setTimeout(() => app.server.closeAllConnections(), 200).unref();
      }, closeOptions.timeoutMs ?? 30_000);
      timer.unref();
      try {
        await app.close();
      } finally {
        clearTimeout(timer);
        await host.close();
      }
      return { forced };
    },
  };
}
