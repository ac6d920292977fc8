import type { FastifyInstance } from "fastify";
import { type ApiKeyOptions, accessFromApiKeys } from "../api-keys.js";
import { type AccessControlOptions, installAccessControl } from "./access-control.js";
import { type ClientLimits, installClientLimits } from "./client-limits.js";

/**
 * Keys and limits on a server's app, after its hooks and before its routes (the reward server and
 * the ORS-only server alike): `access` (ids and run scopes), else plain `apiKeys`, then the limits.
 */
export async function installAccess(
  app: FastifyInstance,
  options: { access?: AccessControlOptions; apiKeys?: ApiKeyOptions; limits?: ClientLimits },
): Promise<void> {
  const access = options.access ?? (options.apiKeys ? accessFromApiKeys(options.apiKeys) : undefined);
  if (access) installAccessControl(app, access);
  await installClientLimits(app, options.limits ?? {});
}
