import type { FastifyInstance } from "fastify";
import { type AccessControlOptions, installAccessControl } from "./access/access-control.js";
import { apiKeysFromEnvironment, parseApiKeys } from "./access/api-key-list.js";

/** Plain keys, without ids or run scopes: the form the ORS server took first (see access/ for more). */
export interface ApiKeyOptions {
  /** The accepted keys. */
  keys: readonly string[];
  /** Also accept `?key=` on POST /get_reward (OpenRLHF's client sends no header). */
  allowQueryKey?: boolean;
}

/** Plain keys as access-control options (every key for every run). */
export function accessFromApiKeys(options: ApiKeyOptions): AccessControlOptions {
  const parsed = parseApiKeys(options.keys.join(","));
  return { keys: parsed.keys, secrets: parsed.secrets, allowQueryKey: options.allowQueryKey === true };
}

/**
 * Requires a key on every route but the health checks (Bearer or X-API-Key; `?key=` on
 * /get_reward with `allowQueryKey`): {@link installAccessControl} with plain keys.
 */
export function installApiKeys(app: FastifyInstance, options: ApiKeyOptions): void {
  installAccessControl(app, accessFromApiKeys(options));
}

/** The keys in a variable (comma-separated); a missing or empty variable is a usage error naming it. */
export function apiKeysFrom(variable: string, environment: NodeJS.ProcessEnv = process.env): string[] {
  return apiKeysFromEnvironment(variable, environment).secrets;
}
