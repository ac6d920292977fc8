import type { FastifyInstance } from "fastify";
import { z } from "zod";
import { openApiDocument, type RouteDoc } from "./openapi.js";
import type { ServeCore } from "./serve-core.js";

export const healthSchema = z
  .object({
    status: z
      .enum(["ok", "draining", "degraded"])
      .describe("draining: shutting down; degraded: the state store is unreachable."),
    version: z.string(),
    uptime_s: z.number(),
    default_run: z.string(),
    components: z.array(z.string()).describe("The component names replies carry."),
    advantage: z.string().nullable().describe("The spec's advantage estimator, if any."),
    state: z.object({ kind: z.string(), ok: z.boolean() }),
    pid: z.number().int().describe("The answering process (one of the workers under `--workers N`)."),
    queued_samples: z.number(),
    inflight_batches: z.number(),
  })
  .describe("200 when serving; 503 while draining or when the state store is unreachable.");

/** `GET /healthz`, `GET /metrics` and `GET /openapi.json`. */
export function registerInfoRoutes(
  app: FastifyInstance,
  options: {
    core: ServeCore;
    version: string;
    routeDocs: readonly RouteDoc[];
    health: () => { draining: boolean; state: { kind: string; ok: boolean } };
    /** What /metrics serves (default: this process's registry; a cluster worker asks its primary). */
    metricsText?: () => Promise<string>;
    /** The paths served without a key when the server requires keys (documented in /openapi.json). */
    openPaths?: readonly string[];
  },
): void {
  const { core } = options;
  const startedAt = performance.now();
  const docs: RouteDoc[] = [
    ...options.routeDocs,
    { method: "get", path: "/healthz", summary: "Liveness and readiness.", response: healthSchema },
    {
      method: "get",
      path: "/metrics",
      summary: "Prometheus metrics.",
      response: { mediaType: "text/plain", description: "Prometheus text exposition format." },
    },
    {
      method: "get",
      path: "/openapi.json",
      summary: "This document.",
      response: { mediaType: "application/json", description: "OpenAPI 3.1." },
    },
  ];
  const document = openApiDocument({
    routes: docs,
    version: options.version,
    ...(options.openPaths ? { secured: { openPaths: options.openPaths } } : {}),
  });

  app.get("/healthz", async (_request, reply) => {
    const { draining, state } = options.health();
    const status = draining ? "draining" : state.ok ? "ok" : "degraded";
    const body: z.infer<typeof healthSchema> = {
      status,
      version: options.version,
      uptime_s: Math.round((performance.now() - startedAt) / 1000),
      default_run: core.options.defaultRun,
      components: [...core.componentKeys.keys],
      advantage: core.loaded.estimator?.type ?? null,
      state,
      pid: process.pid,
      queued_samples: core.batcher.queuedSamples,
      inflight_batches: core.batcher.inFlightBatches,
    };
    return reply.code(status === "ok" ? 200 : 503).send(body);
  });

  app.get("/metrics", async (_request, reply) => {
    const text = await (options.metricsText ?? (() => core.metrics.registry.metrics()))();
    return reply.type(core.metrics.registry.contentType).send(text);
  });

  app.get("/openapi.json", async () => document);
}
