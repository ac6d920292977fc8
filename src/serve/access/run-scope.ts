import type { FastifyRequest } from "fastify";
import { RewardkitError } from "../../core/index.js";
import { keyAllowsRun } from "./api-key-list.js";

/**
 * Checks that the request's key may act on `run` (403 otherwise) and logs the request with the
 * key's id, the run and the step: scoring may change the run's state (running statistics,
 * multipliers, schedules, novelty counts), so who touched which run is on record. Without access
 * control (no `request.caller`) it does nothing.
 * @returns the run, for chaining at the call site.
 */
export function authorizeRun(
  request: FastifyRequest,
  target: { run: string; step: number; samples: number },
): string {
  const caller = request.caller;
  if (!caller) return target.run;
  const route = request.routeOptions.url ?? "unmatched";
  if (!keyAllowsRun(caller, target.run)) {
    request.log.warn(
      { key_id: caller.id, run: target.run, step: target.step, route },
      "refused: the key is not bound to this run",
    );
    throw new RewardkitError(
      "FORBIDDEN",
      `key "${caller.id}" may not act on run "${target.run}" (its runs start with: ${caller.runPrefixes.join(", ")})`,
      { path: "run" },
    );
  }
  request.log.info(
    { key_id: caller.id, run: target.run, step: target.step, route, samples: target.samples },
    "scoring under a run",
  );
  return target.run;
}
