import type { LabRandom } from "../random.js";
import type { Outcome, TabularMdp } from "./tabular-mdp.js";

/**
 * An action-wise similar MDP (reconstructed from Li et al.'s setting of "Action Space Reduction via
 * Grouping"): actions come in latent clusters whose members share a base transition kernel and reward
 * up to a small perturbation, so grouping similar actions loses little (approximation error) while
 * cutting the parameters to estimate (estimation error).
 */
export interface GroupedMdp extends TabularMdp {
  /** probabilities[(s * A + a) * S + s′] and mean rewards[s * A + a]. */
  probabilities: Float64Array;
  rewards: Float64Array;
  /** The latent cluster of each action. */
  clusters: Int32Array;
}

export function groupedMdp(options: {
  states: number;
  actions: number;
  clusters: number;
  /** Mixing weight of each action's own random kernel into its cluster's (0: identical within a cluster). */
  perturbation: number;
  /** Successor states with mass in a base kernel (sparse kernels make actions matter). */
  branching: number;
  random: LabRandom;
}): GroupedMdp {
  const { states: S, actions: A, random } = options;
  const kernel = () => {
    const out = new Float64Array(S);
    for (let draw = 0; draw < options.branching; draw++) {
      const next = random.int(S);
      out[next] = (out[next] as number) - Math.log(1 - random.next());
    }
    const total = out.reduce((sum, value) => sum + value, 0);
    return out.map((value) => value / total);
  };
  const clusters = Int32Array.from({ length: A }, (_, action) => action % options.clusters);
  const baseKernels = Array.from({ length: options.clusters * S }, kernel);
  const baseRewards = Float64Array.from({ length: options.clusters * S }, () => random.next());
  const probabilities = new Float64Array(S * A * S);
  const rewards = new Float64Array(S * A);
  const outcomes: Outcome[][] = [];
  for (let state = 0; state < S; state++) {
    for (let action = 0; action < A; action++) {
      const cluster = clusters[action] as number;
      const base = baseKernels[cluster * S + state] as Float64Array;
      const own = kernel();
      const pair = state * A + action;
      rewards[pair] = Math.min(
        1,
        Math.max(
          0,
          (baseRewards[cluster * S + state] as number) + options.perturbation * (random.next() - 0.5),
        ),
      );
      const list: Outcome[] = [];
      for (let next = 0; next < S; next++) {
        const probability =
          (1 - options.perturbation) * (base[next] as number) + options.perturbation * (own[next] as number);
        probabilities[pair * S + next] = probability;
        if (probability > 0)
          list.push({ next, probability, reward: rewards[pair] as number, terminal: false });
      }
      outcomes[pair] = list;
    }
  }
  return { states: S, actions: A, outcomes, start: 0, probabilities, rewards, clusters };
}

/**
 * Nested groupings of the actions by average-linkage agglomerative clustering of their signatures
 * (rewards and kernels in every state): `groupings.get(K)` assigns each action one of K groups.
 * The similarity is read from the true model (an oracle; the paper estimates it).
 */
export function nestedGroupings(mdp: GroupedMdp, counts: readonly number[]): Map<number, Int32Array> {
  const { states: S, actions: A } = mdp;
  const signature = (action: number) => {
    const out: number[] = [];
    for (let state = 0; state < S; state++) {
      out.push(mdp.rewards[state * A + action] as number);
      for (let next = 0; next < S; next++)
        out.push(mdp.probabilities[(state * A + action) * S + next] as number);
    }
    return out;
  };
  const signatures = Array.from({ length: A }, (_, action) => signature(action));
  const distance = (a: number, b: number) => {
    let total = 0;
    const x = signatures[a] as number[];
    const y = signatures[b] as number[];
    for (let index = 0; index < x.length; index++)
      total += ((x[index] as number) - (y[index] as number)) ** 2;
    return Math.sqrt(total);
  };
  let groups: number[][] = Array.from({ length: A }, (_, action) => [action]);
  const out = new Map<number, Int32Array>();
  const record = () => {
    const assignment = new Int32Array(A);
    groups.forEach((members, group) => {
      for (const action of members) assignment[action] = group;
    });
    out.set(groups.length, assignment);
  };
  if (counts.includes(groups.length)) record();
  while (groups.length > 1) {
    let best = [0, 1];
    let bestDistance = Number.POSITIVE_INFINITY;
    for (let i = 0; i < groups.length; i++) {
      for (let j = i + 1; j < groups.length; j++) {
        let total = 0;
        for (const a of groups[i] as number[]) for (const b of groups[j] as number[]) total += distance(a, b);
        const linkage = total / ((groups[i] as number[]).length * (groups[j] as number[]).length);
        if (linkage < bestDistance) {
          bestDistance = linkage;
          best = [i, j];
        }
      }
    }
    const [i, j] = best as [number, number];
    groups = groups
      .filter((_, index) => index !== i && index !== j)
      .concat([[...(groups[i] as number[]), ...(groups[j] as number[])]]);
    groups.sort((x, y) => Math.min(...x) - Math.min(...y));
    if (counts.includes(groups.length)) record();
  }
  return out;
}
