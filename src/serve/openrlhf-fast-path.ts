import type { z } from "zod";
import type { openrlhfQuerySchema, openrlhfRequestSchema } from "./openrlhf-route.js";

type OpenrlhfRequest = z.output<typeof openrlhfRequestSchema>;
type OpenrlhfQuery = z.output<typeof openrlhfQuerySchema>;

/**
 * The body as it is when it already has the schema's shape (what OpenRLHF sends: `query` a list of
 * strings, `prompts` one too or absent, `labels` any list or absent), checked by hand; anything else
 * is undefined and goes through the zod schema, whose message names the bad field. Zod's parse of a
 * one-rollout body was ~4% of the server's time under OpenRLHF's load (docs/BENCHMARKS.md).
 */
export function openrlhfBodyFastPath(body: unknown): OpenrlhfRequest | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  const { query, prompts, labels } = body as Record<string, unknown>;
  if (!isStringArray(query)) return undefined;
  if (prompts !== undefined && prompts !== null && !isStringArray(prompts)) return undefined;
  if (labels !== undefined && labels !== null && !Array.isArray(labels)) return undefined;
  return body as OpenrlhfRequest;
}

/** No query string at all (OpenRLHF sends none): nothing to coerce or check. */
export function openrlhfQueryFastPath(query: unknown): OpenrlhfQuery | undefined {
  if (typeof query !== "object" || query === null) return undefined;
  for (const _key in query) return undefined;
  return {};
}

function isStringArray(value: unknown): value is string[] {
  if (!Array.isArray(value)) return false;
  for (let index = 0; index < value.length; index++) if (typeof value[index] !== "string") return false;
  return true;
}
