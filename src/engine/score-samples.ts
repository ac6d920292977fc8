import type {
  AdvantageEstimator,
  AdvantageOutput,
  Context,
  Reward,
  RewardResult,
  Sample,
} from "../core/index.js";
import { rowError } from "../core/index.js";

export interface ScoredBatch {
  results: RewardResult[];
  advantage: AdvantageOutput | undefined;
}

/** Scores one batch and, when the spec has an estimator, turns the rewards into advantages. */
export async function scoreSamples(
  reward: Reward,
  estimator: AdvantageEstimator | undefined,
  samples: readonly Sample[],
  context: Context,
): Promise<ScoredBatch> {
  const results = await reward.score(samples, context);
  if (!estimator || samples.length === 0) return { results, advantage: undefined };
  const advantage = estimator.compute({
    rewards: results.map((result) => result.score),
    samples,
    components: results.map((result) => result.components),
    turnRewards: results.map((result) => result.turnRewards),
    stepRewards: results.map((result) => result.stepRewards),
  });
  return { results, advantage };
}

/** What scoring adds to a row: `reward`, `components` and, where they apply, the rest. */
export function rowAdditions(
  result: RewardResult,
  advantage?: { value: number | undefined; steps: number[] | undefined; kept: boolean | undefined },
): Record<string, unknown> {
  const out: Record<string, unknown> = { reward: result.score, components: result.components ?? {} };
  if (advantage?.value !== undefined) out.advantage = advantage.value;
  if (advantage?.steps !== undefined) out.step_advantages = advantage.steps;
  if (advantage?.kept === false) out.filtered = true;
  if (result.turnRewards !== undefined) out.turn_rewards = result.turnRewards;
  if (result.stepRewards !== undefined) out.step_rewards = result.stepRewards;
  if (result.reason !== undefined) out.reason = result.reason;
  const error = rowError(result);
  if (error) out.error = error;
  return out;
}

/** The per-sample view of an estimator's output. */
export function advantageAt(
  output: AdvantageOutput | undefined,
  index: number,
): { value: number | undefined; steps: number[] | undefined; kept: boolean | undefined } | undefined {
  if (!output) return undefined;
  return {
    value: output.advantages[index],
    steps: output.stepAdvantages?.[index],
    kept: output.keep?.[index],
  };
}
