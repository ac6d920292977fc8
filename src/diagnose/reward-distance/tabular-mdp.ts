import { Matrix, solve } from "ml-matrix";

/**
 * A finite MDP's shape for reward comparison (STARC / EPIC, rm-rl.md §15): rewards and transition
 * probabilities are flat arrays indexed [s][a][s'] (`index = (s·A + a)·S + s'`).
 */
export interface TabularMdp {
  states: number;
  actions: number;
  /** τ(s' | s, a), length S·A·S; each (s, a) row sums to 1. */
  transitions: Float64Array;
  gamma: number;
}

/** R(s, a, s') as a flat [s][a][s'] array of length S·A·S. */
export type TabularReward = Float64Array;

export function transitionIndex(
  mdp: Pick<TabularMdp, "states" | "actions">,
  s: number,
  a: number,
  next: number,
): number {
  return (s * mdp.actions + a) * mdp.states + next;
}

/** A reward shaped by a potential: R'(s, a, s') = scale·R(s, a, s') + γ·Φ(s') − Φ(s) (Ng et al. 1999). */
export function shapeReward(
  mdp: Pick<TabularMdp, "states" | "actions" | "gamma">,
  reward: TabularReward,
  options: { potential: ArrayLike<number>; scale?: number },
): TabularReward {
  const scale = options.scale ?? 1;
  const out = new Float64Array(reward.length);
  for (let s = 0; s < mdp.states; s++) {
    for (let a = 0; a < mdp.actions; a++) {
      for (let next = 0; next < mdp.states; next++) {
        const at = transitionIndex(mdp, s, a, next);
        out[at] =
          scale * (reward[at] as number) +
          mdp.gamma * (options.potential[next] as number) -
          (options.potential[s] as number);
      }
    }
  }
  return out;
}

/** The expected immediate reward of (s, a) under τ: a flat [s][a] array. */
export function expectedReward(mdp: TabularMdp, reward: TabularReward): Float64Array {
  const out = new Float64Array(mdp.states * mdp.actions);
  for (let sa = 0; sa < out.length; sa++) {
    let total = 0;
    for (let next = 0; next < mdp.states; next++) {
      const at = sa * mdp.states + next;
      total += (mdp.transitions[at] as number) * (reward[at] as number);
    }
    out[sa] = total;
  }
  return out;
}

/**
 * V^π for a stochastic policy π(a | s) (flat [s][a]): solves (I − γ P_π) V = r_π exactly.
 */
export function policyValue(mdp: TabularMdp, reward: TabularReward, policy: ArrayLike<number>): Float64Array {
  const { states, actions, gamma } = mdp;
  const immediate = expectedReward(mdp, reward);
  const system = Matrix.eye(states, states);
  const rewards = new Matrix(states, 1);
  for (let s = 0; s < states; s++) {
    let expected = 0;
    for (let a = 0; a < actions; a++) {
      const probability = policy[s * actions + a] as number;
      expected += probability * (immediate[s * actions + a] as number);
      for (let next = 0; next < states; next++) {
        const move = probability * (mdp.transitions[transitionIndex(mdp, s, a, next)] as number);
        system.set(s, next, system.get(s, next) - gamma * move);
      }
    }
    rewards.set(s, 0, expected);
  }
  return Float64Array.from(solve(system, rewards).getColumn(0));
}

/** Q*(s, a) and V* by value iteration (to `tolerance` in the max norm). */
export function optimalValues(
  mdp: TabularMdp,
  reward: TabularReward,
  options: { tolerance?: number; maxIterations?: number } = {},
): { q: Float64Array; v: Float64Array } {
  const { states, actions, gamma } = mdp;
  const immediate = expectedReward(mdp, reward);
  const tolerance = options.tolerance ?? 1e-10;
  let v = new Float64Array(states);
  const q = new Float64Array(states * actions);
  for (let iteration = 0; iteration < (options.maxIterations ?? 100_000); iteration++) {
    const next = new Float64Array(states).fill(Number.NEGATIVE_INFINITY);
    for (let s = 0; s < states; s++) {
      for (let a = 0; a < actions; a++) {
        let value = immediate[s * actions + a] as number;
        for (let to = 0; to < states; to++) {
          value += gamma * (mdp.transitions[transitionIndex(mdp, s, a, to)] as number) * (v[to] as number);
        }
        q[s * actions + a] = value;
        if (value > (next[s] as number)) next[s] = value;
      }
    }
    let change = 0;
    for (let s = 0; s < states; s++)
      change = Math.max(change, Math.abs((next[s] as number) - (v[s] as number)));
    v = next;
    if (change < tolerance) break;
  }
  return { q, v };
}

/** The deterministic greedy policy of a Q table, as a flat [s][a] one-hot array (first maximum wins). */
export function greedyPolicy(
  mdp: Pick<TabularMdp, "states" | "actions">,
  q: ArrayLike<number>,
): Float64Array {
  const policy = new Float64Array(mdp.states * mdp.actions);
  for (let s = 0; s < mdp.states; s++) {
    let best = 0;
    for (let a = 1; a < mdp.actions; a++) {
      if ((q[s * mdp.actions + a] as number) > (q[s * mdp.actions + best] as number)) best = a;
    }
    policy[s * mdp.actions + best] = 1;
  }
  return policy;
}
