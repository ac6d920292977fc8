import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyRequest } from "fastify";
import { RewardkitError } from "../core/index.js";

/** `rewardkit serve --api-key-env NAME [--allow-query-key]`. */
export interface ApiKeyOptions {
  /** The accepted keys (the variable's comma-separated list). */
  keys: readonly string[];
  /** Also accept `?key=` on POST /get_reward (OpenRLHF's client sends no header). */
  allowQueryKey?: boolean;
}

/** Health checks stay open, so load balancers and orchestrators need no key. */
const open = new Set(["GET /healthz", "GET /health", "HEAD /healthz", "HEAD /health"]);

const digest = (text: string) => createHash("sha256").update(text).digest();

/**
 * Requires a key on every route but the health checks: `Authorization: Bearer KEY`, or `X-API-Key:
 * KEY` (the header the ORS clients send), or with `allowQueryKey` `?key=KEY` on /get_reward. A
 * missing or wrong key is a 401 JSON error; keys are compared in constant time and never logged
 * (request logs carry the route, not the URL).
 */
export function installApiKeys(app: FastifyInstance, options: ApiKeyOptions): void {
  const keys = options.keys.map((key) => key.trim()).filter((key) => key !== "");
  if (keys.length === 0) {
    throw new RewardkitError("BAD_REQUEST", "the API key variable holds no key", { path: "--api-key-env" });
  }
  const digests = keys.map(digest);
  const accepted = (given: string | undefined) => {
    if (given === undefined || given === "") return false;
    const candidate = digest(given);
    return digests.some((known) => timingSafeEqual(known, candidate));
  };
  app.addHook("onRequest", async (request, reply) => {
    const path = request.url.split("?")[0] ?? request.url;
    if (open.has(`${request.method} ${path}`)) return;
    if (accepted(presentedKey(request, options.allowQueryKey === true && path === "/get_reward"))) return;
    reply.header("www-authenticate", 'Bearer realm="rewardkit"');
    throw new RewardkitError(
      "UNAUTHORIZED",
      "a valid API key is required: send Authorization: Bearer <key> (or X-API-Key: <key>)",
    );
  });
}

function presentedKey(request: FastifyRequest, queryAllowed: boolean): string | undefined {
  const authorization = request.headers.authorization;
  if (typeof authorization === "string") {
    const match = /^Bearer\s+(.+)$/i.exec(authorization.trim());
    if (match) return match[1];
  }
  const header = request.headers["x-api-key"];
  if (typeof header === "string") return header.trim();
  if (queryAllowed) {
    const key = (request.query as Record<string, unknown> | undefined)?.key;
    if (typeof key === "string") return key;
  }
  return undefined;
}

/** The keys in a variable (comma-separated); a missing or empty variable is a usage error naming it. */
export function apiKeysFrom(variable: string, environment: NodeJS.ProcessEnv = process.env): string[] {
  const value = environment[variable];
  const keys = (value ?? "")
    .split(",")
    .map((key) => key.trim())
    .filter((key) => key !== "");
  if (keys.length === 0) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `--api-key-env ${variable}: the variable ${value === undefined ? "is not set" : "holds no key"}`,
      { path: "--api-key-env" },
    );
  }
  return keys;
}
