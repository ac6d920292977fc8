/**
 * Finite MDPs as tables, for planning in the reward-design lab: value iteration, policy evaluation
 * and greedy action sets (Sutton & Barto §4). Transitions are lists of (next, probability, reward,
 * terminal) per state–action pair; a terminal transition ends the episode (no bootstrap).
 */

export interface Outcome {
  next: number;
  probability: number;
  reward: number;
  terminal: boolean;
}

export interface TabularMdp {
  states: number;
  actions: number;
  /** outcomes[s * actions + a]. */
  outcomes: Outcome[][];
  start: number;
}

/** Q* and V* by value iteration to `tolerance` (max-norm change), with `reward` replacing the MDP's. */
export function valueIteration(
  mdp: TabularMdp,
  options: {
    gamma: number;
    tolerance?: number;
    maxSweeps?: number;
    reward?: (state: number, action: number, outcome: Outcome) => number;
  },
): { values: Float64Array; q: Float64Array; sweeps: number } {
  const tolerance = options.tolerance ?? 1e-12;
  const values = new Float64Array(mdp.states);
  const q = new Float64Array(mdp.states * mdp.actions);
  const maxSweeps = options.maxSweeps ?? 100_000;
  let sweeps = 0;
  for (; sweeps < maxSweeps; sweeps++) {
    let change = 0;
    for (let state = 0; state < mdp.states; state++) {
      let best = Number.NEGATIVE_INFINITY;
      for (let action = 0; action < mdp.actions; action++) {
        const value = backup(mdp, { state, action }, values, options);
        q[state * mdp.actions + action] = value;
        if (value > best) best = value;
      }
      change = Math.max(change, Math.abs(best - (values[state] as number)));
      values[state] = best;
    }
    if (change < tolerance) break;
  }
  return { values, q, sweeps };
}

/** V^π of a stochastic policy (`policy[s * actions + a]`), iterated to `tolerance`. */
export function evaluatePolicy(
  mdp: TabularMdp,
  policy: ArrayLike<number>,
  options: { gamma: number; tolerance?: number; maxSweeps?: number },
): Float64Array {
  const tolerance = options.tolerance ?? 1e-12;
  const values = new Float64Array(mdp.states);
  for (let sweep = 0; sweep < (options.maxSweeps ?? 100_000); sweep++) {
    let change = 0;
    for (let state = 0; state < mdp.states; state++) {
      let value = 0;
      for (let action = 0; action < mdp.actions; action++) {
        const weight = policy[state * mdp.actions + action] as number;
        if (weight > 0) value += weight * backup(mdp, { state, action }, values, options);
      }
      change = Math.max(change, Math.abs(value - (values[state] as number)));
      values[state] = value;
    }
    if (change < tolerance) break;
  }
  return values;
}

/** One Bellman backup of (state, action) against `values`. */
function backup(
  mdp: TabularMdp,
  at: { state: number; action: number },
  values: Float64Array,
  options: { gamma: number; reward?: (state: number, action: number, outcome: Outcome) => number },
): number {
  const { state, action } = at;
  let value = 0;
  for (const outcome of mdp.outcomes[state * mdp.actions + action] as Outcome[]) {
    const reward = options.reward ? options.reward(state, action, outcome) : outcome.reward;
    value +=
      outcome.probability *
      (reward + (outcome.terminal ? 0 : options.gamma * (values[outcome.next] as number)));
  }
  return value;
}

/** The actions within `tolerance` of the best Q in a state (ties kept: several actions can be optimal). */
export function greedyActionSet(q: ArrayLike<number>, state: number, actions: number, tolerance = 1e-6) {
  let best = Number.NEGATIVE_INFINITY;
  for (let action = 0; action < actions; action++)
    best = Math.max(best, q[state * actions + action] as number);
  const set: number[] = [];
  for (let action = 0; action < actions; action++) {
    if ((q[state * actions + action] as number) >= best - tolerance) set.push(action);
  }
  return set;
}

/** The states whose greedy action sets differ between two Q tables. */
export function policyDisagreements(
  first: ArrayLike<number>,
  second: ArrayLike<number>,
  mdp: TabularMdp,
  include: (state: number) => boolean = () => true,
): number {
  let differ = 0;
  for (let state = 0; state < mdp.states; state++) {
    if (!include(state)) continue;
    const a = greedyActionSet(first, state, mdp.actions).join(",");
    const b = greedyActionSet(second, state, mdp.actions).join(",");
    if (a !== b) differ++;
  }
  return differ;
}
