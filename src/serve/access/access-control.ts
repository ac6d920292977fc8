import type { FastifyInstance, FastifyRequest } from "fastify";
import { RewardkitError } from "../../core/index.js";
import { type ApiKey, matchApiKey } from "./api-key-list.js";
import { scrubKeys } from "./key-scrubber.js";

/** `rewardkit serve --api-key-env NAME [--allow-query-key] [--public-metrics]`. */
export interface AccessControlOptions {
  /** The accepted keys (see parseApiKeys). */
  readonly keys: readonly ApiKey[];
  /** The secrets themselves, only to scrub them from error replies should one ever echo a key. */
  readonly secrets?: readonly string[];
  /** Accept `?key=` on POST /get_reward (OpenRLHF's client sends no header); weaker: URLs get logged by proxies. */
  readonly allowQueryKey?: boolean;
  /** Serve GET /metrics without a key (a Prometheus scraper on a trusted network). */
  readonly publicMetrics?: boolean;
}

/** Health checks stay open so load balancers and orchestrators need no key. */
const healthRoutes = new Set(["/healthz", "/health"]);

/** Whether a request needs no key: health checks (GET/HEAD), and /metrics with `publicMetrics`. */
export function isOpenRoute(request: { method: string; url: string }, publicMetrics = false): boolean {
  if (request.method !== "GET" && request.method !== "HEAD") return false;
  const path = pathOf(request.url);
  return healthRoutes.has(path) || (publicMetrics && path === "/metrics");
}

/**
 * Requires a key on every route but the health checks: `Authorization: Bearer KEY` (or `X-API-Key:
 * KEY`, the header ORS clients send), or `?key=KEY` on /get_reward when `allowQueryKey` is set. A
 * missing or wrong key is a 401 JSON error; the matched key's id (never the key) is `request.caller`.
 * Runs on every request before the body is read, so an unauthenticated client costs no parsing.
 */
export function installAccessControl(app: FastifyInstance, options: AccessControlOptions): void {
  if (options.keys.length === 0) {
    throw new RewardkitError("BAD_REQUEST", "access control needs at least one key", {
      path: "--api-key-env",
    });
  }
  app.decorateRequest("caller", null);
  app.addHook("onRequest", async (request, reply) => {
    if (isOpenRoute(request, options.publicMetrics)) return;
    const presented = presentedKey(request, options.allowQueryKey === true);
    const key = matchApiKey(options.keys, presented.key);
    if (key) {
      request.caller = key;
      return;
    }
    reply.header("www-authenticate", 'Bearer realm="rewardkit"');
    throw new RewardkitError(
      "UNAUTHORIZED",
      presented.key === undefined ? presented.why : "the API key is not valid",
    );
  });
  const secrets = (options.secrets ?? []).filter((secret) => secret !== "");
  if (secrets.length > 0) {
    // Defence in depth: no error reply carries a key, even if some message ever quoted one.
    app.addHook("onSend", async (_request, reply, payload) =>
      reply.statusCode >= 400 && typeof payload === "string" ? scrubKeys(payload, secrets) : payload,
    );
  }
}

function presentedKey(
  request: FastifyRequest,
  allowQueryKey: boolean,
): { key: string | undefined; why: string } {
  const authorization = request.headers.authorization;
  if (typeof authorization === "string") {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match) return { key: match[1], why: "" };
    return { key: undefined, why: "the Authorization header is not of the form: Bearer <key>" };
  }
  const header = request.headers["x-api-key"];
  if (typeof header === "string" && header.trim() !== "") return { key: header.trim(), why: "" };
  const query = request.query as Record<string, unknown> | undefined;
  const inQuery = typeof query?.key === "string";
  if (inQuery && allowQueryKey && pathOf(request.url) === "/get_reward" && request.method === "POST") {
    return { key: query?.key as string, why: "" };
  }
  return {
    key: undefined,
    why: inQuery
      ? allowQueryKey
        ? "?key= is accepted on POST /get_reward only; send Authorization: Bearer <key>"
        : "?key= is refused (the server does not run with --allow-query-key); send Authorization: Bearer <key>"
      : "an API key is required: send Authorization: Bearer <key>",
  };
}

function pathOf(url: string): string {
  const cut = url.indexOf("?");
  return cut < 0 ? url : url.slice(0, cut);
}

declare module "fastify" {
  interface FastifyRequest {
    /** The key the request presented (its id and runs), when the server requires keys; else null. */
    caller: ApiKey | null;
  }
}
