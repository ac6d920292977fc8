import { type Claim, claim } from "../results.js";
import type { GenerationScore } from "../worlds/open-ended-scores.js";

function score(scores: readonly GenerationScore[], method: string, generation: number): GenerationScore {
  const found = scores.find((each) => each.method === method && each.generation === generation);
  if (!found) throw new RangeError(`no score for ${method} at generation ${generation}`);
  return found;
}

/**
 * XLand's claims as this run tests them, on held-out tasks after the last generation (equal
 * environment steps per method, the filter's probes included): the filtered curriculum's
 * participation and 10th-percentile normalized score beat uniform sampling's; and the filtered
 * lineage's median normalized score rises from the first generation to the last.
 */
export function openEndedClaims(scores: readonly GenerationScore[], generations: number): Claim[] {
  const last = generations;
  const filtered = score(scores, "filtered", last);
  const uniform = score(scores, "uniform", last);
  const first = score(scores, "filtered", 1);
  return [
    claim(
      "XLand: a curriculum of tasks neither too easy nor too hard (filtered by the agent's success) reaches more held-out tasks than uniform task sampling at equal environment steps — higher participation (share of tasks with nonzero return) after the last generation",
      filtered.participation > uniform.participation,
      { filtered_participation: filtered.participation, uniform_participation: uniform.participation },
    ),
    claim(
      "XLand: the filtered curriculum lifts the weakest tasks — its 10th-percentile normalized score on held-out tasks beats uniform sampling's after the last generation",
      filtered.p10 > uniform.p10,
      { filtered_p10: filtered.p10, uniform_p10: uniform.p10 },
    ),
    claim(
      "XLand: scores improve across generations — the filtered lineage's median normalized held-out score after the last generation exceeds its score after the first",
      filtered.p50 > first.p50,
      { first_generation_p50: first.p50, last_generation_p50: filtered.p50, generations },
    ),
  ];
}
