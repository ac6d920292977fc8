import type { TabularMdp } from "./tabular-mdp.js";
import { greedyActionSet } from "./tabular-mdp.js";

/**
 * Interpretable sparse reward design from an expert's values, RECONSTRUCTED after Devidze et al.
 * (2021, "Explicable reward design", EXPRD; and the thesis "Reward Design for RL Agents"): the expert
 * knows V* and π*, and may pay extra reward at only `budget` states. Here the designed reward is the
 * original one plus potential differences γΦ(s′) − Φ(s) with Φ = V* on the chosen states and 0
 * elsewhere (Φ(terminal) = 0), so it is non-zero only on transitions into or out of those states and,
 * being potential-based (Ng et al. 1999), keeps the optimal policy (checked by value iteration by the
 * caller). The states are chosen greedily to maximize an informativeness criterion: the weighted
 * number of states where an h-step lookahead planner on the designed reward (leaf values 0) already
 * picks only optimal actions. The paper solves a constrained program over arbitrary sparse rewards; the
 * potential form and the greedy selection are this reconstruction's simplifications.
 */
export interface SparseDesign {
  /** The chosen states (MDP state indices), in the order they were picked. */
  states: number[];
  /** Φ per state: V* on the chosen states, 0 elsewhere. */
  potential: Float64Array;
  /** The criterion's value for the chosen states. */
  informativeness: number;
}

/** The designed reward of one transition: original reward plus γΦ(s′) − Φ(s). */
export function designedReward(input: {
  potential: ArrayLike<number>;
  gamma: number;
  state: number;
  next: number;
  reward: number;
  terminal: boolean;
}): number {
  const next = input.terminal ? 0 : (input.potential[input.next] as number);
  return input.reward + input.gamma * next - (input.potential[input.state] as number);
}

/**
 * Σ_s weight(s) · [the h-step lookahead on the designed reward picks a non-empty strict subset of the
 * actions and only optimal ones (`optimal(s)`)]: how many states the reward alone teaches within h steps.
 */
export function informativeness(input: {
  mdp: TabularMdp;
  potential: ArrayLike<number>;
  gamma: number;
  horizon: number;
  weight: ArrayLike<number>;
  optimal: (state: number) => readonly number[];
}): number {
  const { mdp, gamma } = input;
  let values: Float64Array = new Float64Array(mdp.states);
  const q = new Float64Array(mdp.states * mdp.actions);
  for (let depth = 0; depth < input.horizon; depth++) {
    const next = new Float64Array(mdp.states);
    for (let state = 0; state < mdp.states; state++) {
      let best = Number.NEGATIVE_INFINITY;
      for (let action = 0; action < mdp.actions; action++) {
        let value = 0;
        for (const outcome of mdp.outcomes[state * mdp.actions + action] ?? []) {
          // γΦ(s′) − Φ(s) inlined (designedReward) and the lookahead's bootstrap; Φ(terminal) = 0.
          const future = outcome.terminal
            ? 0
            : gamma * ((input.potential[outcome.next] as number) + (values[outcome.next] as number));
          value += outcome.probability * (outcome.reward + future - (input.potential[state] as number));
        }
        q[state * mdp.actions + action] = value;
        best = Math.max(best, value);
      }
      next[state] = best;
    }
    values = next;
  }
  let total = 0;
  for (let state = 0; state < mdp.states; state++) {
    const weight = input.weight[state] as number;
    if (weight <= 0) continue;
    const planned = greedyActionSet(q, state, mdp.actions, 1e-9);
    const optimal = input.optimal(state);
    if (planned.length < mdp.actions && planned.every((action) => optimal.includes(action))) total += weight;
  }
  return total;
}

/** Greedy selection of `budget` states (Φ = V* there) maximizing `informativeness` under `weight`. */
export function designSparseReward(input: {
  mdp: TabularMdp;
  optimalValues: ArrayLike<number>;
  optimal: (state: number) => readonly number[];
  candidates: readonly number[];
  budget: number;
  gamma: number;
  horizon: number;
  weight: ArrayLike<number>;
}): SparseDesign {
  const potential = new Float64Array(input.mdp.states);
  const states: number[] = [];
  let score = 0;
  for (let round = 0; round < input.budget; round++) {
    let best = -1;
    let bestScore = score;
    for (const candidate of input.candidates) {
      if (states.includes(candidate)) continue;
      potential[candidate] = input.optimalValues[candidate] as number;
      const value = informativeness({ ...input, potential });
      potential[candidate] = 0;
      if (value > bestScore + 1e-12) {
        best = candidate;
        bestScore = value;
      }
    }
    if (best < 0) break; // No state adds information: a sparser reward is as good.
    states.push(best);
    potential[best] = input.optimalValues[best] as number;
    score = bestScore;
  }
  return { states, potential, informativeness: score };
}
