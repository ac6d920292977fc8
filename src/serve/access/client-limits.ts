import type { FastifyInstance, FastifyRequest } from "fastify";
import type { Redis } from "ioredis";
import { RewardkitError } from "../../core/index.js";
import { isOpenRoute } from "./access-control.js";

/** Per-client limits (`--rate-limit`, `--rate-limit-window-s`, `--max-concurrent-per-key`). */
export interface ClientLimits {
  /** Requests a client may start per window; more get 429 with Retry-After. */
  readonly requestsPerWindow?: number;
  readonly windowMs?: number;
  /** Requests a client may have in flight at once (counted per process); more get 429 with Retry-After: 1. */
  readonly maxConcurrent?: number;
  /**
   * Count the request rate in this Redis (the `--state` connection), so every instance and worker
   * sharing it shares one window per client; without it each process counts alone.
   */
  readonly redis?: Redis;
}

/** Who a limit counts: the key's id when keys are required, else the client's address. */
export function clientOf(request: FastifyRequest): string {
  return request.caller ? `key:${request.caller.id}` : `ip:${request.ip}`;
}

/**
 * Installs the limits. Must run after access control's hook is added and before the routes are
 * (the rate limit attaches to each route as it is declared, and its key needs `request.caller`).
 * Health checks are never limited. The rate is counted in Redis when `redis` is given, else in this
 * process (under `--workers N` each worker then counts its own share); concurrency is per process.
 */
export async function installClientLimits(app: FastifyInstance, limits: ClientLimits): Promise<void> {
  if (limits.requestsPerWindow !== undefined) {
    // Loaded only when asked for: every (cluster worker's) start-up would pay for it otherwise.
    const { default: rateLimit } = await import("@fastify/rate-limit");
    await app.register(rateLimit, {
      global: true,
      hook: "onRequest",
      max: limits.requestsPerWindow,
      timeWindow: limits.windowMs ?? 60_000,
      keyGenerator: clientOf,
      allowList: (request) => isOpenRoute(request),
      // In Redis the window is shared; if Redis is unreachable, serve rather than fail every request
      // (stateful samples report STATE_ERROR on their own, and /healthz says degraded).
      ...(limits.redis ? { redis: limits.redis, nameSpace: "rewardkit:rate:", skipOnError: true } : {}),
      // The library's own headers (limit, remaining, reset, and retry-after on 429) stay; the body
      // is our JSON error, through the server's error handler.
      errorResponseBuilder: (request, context) =>
        new RewardkitError(
          "RATE_LIMITED",
          `too many requests from ${clientOf(request).replace(/^ip:/, "address ")}: at most ${context.max} per ${Math.round((limits.windowMs ?? 60_000) / 1000)} s; retry in ${context.after}`,
          { details: { retryAfterSeconds: Math.max(1, Math.ceil(context.ttl / 1000)) } },
        ),
    });
  }
  if (limits.maxConcurrent !== undefined) installConcurrencyLimit(app, limits.maxConcurrent);
}

function installConcurrencyLimit(app: FastifyInstance, maxConcurrent: number): void {
  const inFlight = new Map<string, number>();
  app.addHook("onRequest", async (request, reply) => {
    if (isOpenRoute(request)) return;
    const client = clientOf(request);
    const current = inFlight.get(client) ?? 0;
    if (current >= maxConcurrent) {
      throw new RewardkitError(
        "RATE_LIMITED",
        `${client.replace(/^ip:/, "address ")} has ${current} requests in flight (at most ${maxConcurrent}); retry when one finishes`,
        { details: { retryAfterSeconds: 1 } },
      );
    }
    inFlight.set(client, current + 1);
    // "close" fires once whether the reply finished or the client went away.
    reply.raw.once("close", () => {
      const left = (inFlight.get(client) ?? 1) - 1;
      if (left <= 0) inFlight.delete(client);
      else inFlight.set(client, left);
    });
  });
}
