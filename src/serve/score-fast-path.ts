import type { z } from "zod";
import type { scoreRequestSchema } from "./score-route.js";

type ScoreRequest = z.output<typeof scoreRequestSchema>;

/**
 * The `/v1/score` body as it is when it already has the schema's shape (`samples` a list, `run` a
 * string of 1–256 characters, `step` a whole number ≥ 0, `timeout_ms` a positive number, no other
 * key), checked by hand; anything else is undefined and goes through the zod schema, whose message
 * names the bad field. Zod's parse cost ~6 µs of a 256-sample request's ~400 (docs/BENCHMARKS.md).
 */
export function scoreBodyFastPath(body: unknown): ScoreRequest | undefined {
  if (typeof body !== "object" || body === null || Array.isArray(body)) return undefined;
  for (const key in body) if (!knownKeys.has(key)) return undefined;
  const { samples, run, step, timeout_ms } = body as Record<string, unknown>;
  if (!Array.isArray(samples)) return undefined;
  if (run !== undefined && !(typeof run === "string" && run.length >= 1 && run.length <= 256))
    return undefined;
  if (step !== undefined && !(Number.isSafeInteger(step) && (step as number) >= 0)) return undefined;
  if (timeout_ms !== undefined && !(Number.isFinite(timeout_ms) && (timeout_ms as number) > 0))
    return undefined;
  return body as ScoreRequest;
}

const knownKeys = new Set(["samples", "run", "step", "timeout_ms"]);
