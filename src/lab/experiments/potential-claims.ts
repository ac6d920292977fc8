import { type Claim, claim } from "../results.js";
import type { InvarianceSummary, ShapingMethod } from "../worlds/shaping-invariance.js";
import type { PotentialOptions } from "./potential-shaping.js";

/** One method's training: per episode, whether it reached the goal and how often it re-entered a state. */
export interface MethodRun {
  method: ShapingMethod;
  completed: number[];
  revisitsPerStep: number[];
  /** Per greedy evaluation: reached the goal (1/0), and the share of its steps that re-entered a state. */
  greedyCompleted: number[];
  greedyRevisits: number[];
}

/** A good potential must learn at least this many times faster (in episodes) than no shaping. */
export const speedupRequired = 2;
/** The good potential as the claims and report name it (settings.potential). */
export function potentialLabel(potential: PotentialOptions["potential"]): string {
  return potential === "value"
    ? "Φ = γ^(d−1), the optimal value"
    : "Φ = −d/d_max, minus the distance to the goal";
}

/** The learnt potential: at least this speed-up. */
export const learnedSpeedupRequired = 1.25;
/** Completion rate at or below which the progress bonus counts as exploited. */
export const loopCompletionCeiling = 0.5;

/** Episodes until the moving success rate over `window` episodes first reaches `rate` (episodes + 1 when never). */
export function episodesToLearn(completed: readonly number[], window: number, rate: number): number {
  let sum = 0;
  for (let index = 0; index < completed.length; index++) {
    sum += completed[index] as number;
    if (index >= window) sum -= completed[index - window] as number;
    if (index + 1 >= window && sum / window >= rate) return index + 1;
  }
  return completed.length + 1;
}

function tail(values: readonly number[]): number {
  const count = Math.max(1, Math.round(values.length / 4));
  const last = values.slice(values.length - count);
  return last.reduce((sum, value) => sum + value, 0) / last.length;
}

export function potentialClaims(input: {
  runs: readonly MethodRun[];
  invariance: InvarianceSummary;
  settings: PotentialOptions;
}): Claim[] {
  const { invariance, settings } = input;
  const find = (method: ShapingMethod) => {
    const found = input.runs.find((run) => run.method === method);
    if (!found) throw new RangeError(`no ${method} run`);
    return found;
  };
  const learn = (method: ShapingMethod) =>
    episodesToLearn(find(method).completed, settings.window, settings.success_rate);
  const none = learn("none");
  const potential = learn("potential");
  const learned = learn("learned_potential");
  const bonus = find("progress_bonus");
  const plain = find("none");
  return [
    claim(
      `Ng et al.: potential-based shaping (${potentialLabel(settings.potential)}) leaves the optimal policy unchanged — value iteration gives the same optimal actions in every state, and V*′ = V* − Φ`,
      invariance.potential_disagreements === 0 && invariance.potential_value_error < 1e-6,
      {
        states: invariance.states,
        states_with_other_optimal_actions: invariance.potential_disagreements,
        max_value_error: invariance.potential_value_error,
      },
    ),
    claim(
      "Ng et al.: ... for any potential, also one drawn at random per state",
      invariance.random_potential_disagreements === 0 && invariance.random_potential_value_error < 1e-6,
      {
        states: invariance.states,
        states_with_other_optimal_actions: invariance.random_potential_disagreements,
        max_value_error: invariance.random_potential_value_error,
      },
    ),
    claim(
      `Ng et al.: with a good potential (${potentialLabel(settings.potential)}) Q-learning learns faster — episodes until ${settings.success_rate} of the last ${settings.window} episodes reach the goal, at least ${speedupRequired}× fewer than without shaping`,
      potential * speedupRequired <= none,
      { episodes_unshaped: none, episodes_potential: potential, required_speedup: speedupRequired },
    ),
    claim(
      `A potential learnt online (the library's Monte Carlo value table of the agent's own episodes) also speeds learning, by at least ${learnedSpeedupRequired}×`,
      learned * learnedSpeedupRequired <= none,
      {
        episodes_unshaped: none,
        episodes_learned_potential: learned,
        required_speedup: learnedSpeedupRequired,
      },
    ),
    claim(
      `Ng et al.: a non-potential progress bonus creates a reward loop the agent exploits — over the last quarter of training its greedy policy reaches the goal in at most ${loopCompletionCeiling} of the evaluations (the unshaped agent's in more), cycling instead: more of its steps re-enter a visited state`,
      tail(bonus.greedyCompleted) <= loopCompletionCeiling &&
        tail(plain.greedyCompleted) > loopCompletionCeiling &&
        tail(bonus.greedyRevisits) > tail(plain.greedyRevisits),
      {
        greedy_completion_progress_bonus: tail(bonus.greedyCompleted),
        greedy_completion_unshaped: tail(plain.greedyCompleted),
        greedy_revisits_per_step_progress_bonus: tail(bonus.greedyRevisits),
        greedy_revisits_per_step_unshaped: tail(plain.greedyRevisits),
        training_completion_progress_bonus: tail(bonus.completed),
        training_revisits_per_step_progress_bonus: tail(bonus.revisitsPerStep),
        training_revisits_per_step_unshaped: tail(plain.revisitsPerStep),
        ceiling: loopCompletionCeiling,
      },
    ),
    claim(
      "Ng et al.: the progress bonus changes the optimal policy itself — planned with it, the optimal policy from the start cycles and never reaches the goal",
      invariance.progress_disagreements > 0 &&
        invariance.progress_optimal_completes === 0 &&
        invariance.unshaped_optimal_completes === 1,
      {
        states_with_other_optimal_actions: invariance.progress_disagreements,
        optimal_policy_completes: invariance.progress_optimal_completes,
        optimal_policy_revisits: invariance.progress_optimal_revisits,
        unshaped_optimal_completes: invariance.unshaped_optimal_completes,
      },
    ),
  ];
}
