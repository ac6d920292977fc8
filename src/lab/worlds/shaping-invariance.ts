import { Cell } from "../../env/index.js";
import type { LabRandom } from "../random.js";
import type { GridMdp } from "./grid-mdp.js";
import { greedyActionSet, policyDisagreements, valueIteration } from "./tabular-mdp.js";

export type ShapingMethod = "none" | "potential" | "learned_potential" | "progress_bonus";

/** Ng et al.'s invariance checked by planning: what value iteration says about each shaped problem. */
export interface InvarianceSummary {
  /** Non-goal states compared. */
  states: number;
  /** States whose optimal action sets differ from the unshaped problem's, for the good potential (the experiment's `potential` option). */
  potential_disagreements: number;
  /** max_s |V*_shaped(s) − (V*(s) − Φ(s))| for the good potential (the theorem says 0). */
  potential_value_error: number;
  /** The same two numbers for a potential drawn uniformly from [−1, 1] per state. */
  random_potential_disagreements: number;
  random_potential_value_error: number;
  /** States where the progress bonus changes the optimal action set. */
  progress_disagreements: number;
  /** The progress bonus's optimal policy from the start: does it reach the goal, and how often does it revisit a state. */
  progress_optimal_completes: number;
  progress_optimal_revisits: number;
  unshaped_optimal_completes: number;
}

/**
 * Plans the unshaped problem, the problem shaped by F = γΦ(s′) − Φ(s) (Φ(terminal) = 0) for the good
 * and a random potential, and the problem with a progress bonus, and compares their optimal policies.
 */
export function shapingInvariance(input: {
  mdp: GridMdp;
  gamma: number;
  potential: (cell: number) => number;
  distance: Int32Array;
  progressBonus: number;
  random: LabRandom;
  maxSteps: number;
}): InvarianceSummary {
  const { mdp, gamma } = input;
  const base = valueIteration(mdp, { gamma });
  const randomValues = Array.from({ length: mdp.states }, () => 2 * input.random.next() - 1);
  const shapedBy = (phi: (state: number) => number) => {
    const shaped = valueIteration(mdp, {
      gamma,
      reward: (state, _action, outcome) =>
        outcome.reward + (outcome.terminal ? 0 : gamma * phi(outcome.next)) - phi(state),
    });
    let error = 0;
    for (let state = 0; state < mdp.states; state++) {
      if (isGoal(mdp, state)) continue;
      error = Math.max(
        error,
        Math.abs((shaped.values[state] as number) - ((base.values[state] as number) - phi(state))),
      );
    }
    return { disagreements: countDisagreements(mdp, base.q, shaped.q), error };
  };
  const good = shapedBy((state) => input.potential(mdp.cells[state] as number));
  const random = shapedBy((state) => randomValues[state] as number);
  const progress = valueIteration(mdp, {
    gamma,
    reward: (state, _action, outcome) =>
      outcome.reward +
      ((input.distance[mdp.cells[outcome.next] as number] as number) <
      (input.distance[mdp.cells[state] as number] as number)
        ? input.progressBonus
        : 0),
  });
  const progressRun = followGreedy(mdp, progress.q, input.maxSteps);
  return {
    states: mdp.states - goalStates(mdp),
    potential_disagreements: good.disagreements,
    potential_value_error: good.error,
    random_potential_disagreements: random.disagreements,
    random_potential_value_error: random.error,
    progress_disagreements: countDisagreements(mdp, base.q, progress.q),
    progress_optimal_completes: progressRun.completes ? 1 : 0,
    progress_optimal_revisits: progressRun.revisits,
    unshaped_optimal_completes: followGreedy(mdp, base.q, input.maxSteps).completes ? 1 : 0,
  };
}

function isGoal(mdp: GridMdp, state: number): boolean {
  return mdp.layout.cells[mdp.cells[state] as number] === Cell.goal;
}

function goalStates(mdp: GridMdp): number {
  let count = 0;
  for (let state = 0; state < mdp.states; state++) if (isGoal(mdp, state)) count++;
  return count;
}

function countDisagreements(mdp: GridMdp, first: Float64Array, second: Float64Array): number {
  return policyDisagreements(first, second, mdp, (state) => !isGoal(mdp, state));
}

/** Follows the lowest-index optimal action from the start. */
function followGreedy(
  mdp: GridMdp,
  q: Float64Array,
  maxSteps: number,
): { completes: boolean; revisits: number } {
  let state = mdp.start;
  const seen = new Set([state]);
  let revisits = 0;
  for (let step = 0; step < maxSteps; step++) {
    const action = greedyActionSet(q, state, mdp.actions)[0] as number;
    const outcome = mdp.outcomes[state * mdp.actions + action]?.[0];
    if (!outcome) break;
    if (outcome.terminal) return { completes: true, revisits };
    state = outcome.next;
    if (seen.has(state)) revisits++;
    seen.add(state);
  }
  return { completes: false, revisits };
}
