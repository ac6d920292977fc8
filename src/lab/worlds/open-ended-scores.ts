import { bestPerTask, normalizedScores, participation, percentileOf } from "./normalized-percentiles.js";
import type { OpenEndedRun } from "./open-ended-run.js";

/** One method's held-out summary after one generation (XLand's normalized percentiles). */
export interface GenerationScore {
  method: string;
  generation: number;
  participation: number;
  p10: number;
  p50: number;
}

/**
 * Every method's held-out scores per generation: returns normalized by the best return any method or
 * generation got on that task (XLand's normalization), summarized as participation, p10 and p50.
 */
export function generationScores(runs: readonly OpenEndedRun[]): GenerationScore[] {
  const best = bestPerTask(runs.flatMap((run) => run.returns));
  return runs.flatMap((run) =>
    run.returns.map((returns, index) => {
      const normalized = normalizedScores(returns, best);
      return {
        method: run.sampling,
        generation: index + 1,
        participation: participation(returns),
        p10: percentileOf(normalized, 10),
        p50: percentileOf(normalized, 50),
      };
    }),
  );
}
