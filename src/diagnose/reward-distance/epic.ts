import { type TabularMdp, type TabularReward, transitionIndex } from "./tabular-mdp.js";

export interface EpicDistributions {
  /** D_S over states (default uniform). */
  stateDistribution?: ArrayLike<number>;
  /** D_A over actions (default uniform). */
  actionDistribution?: ArrayLike<number>;
}

function uniform(size: number): Float64Array {
  return new Float64Array(size).fill(1 / size);
}

/**
 * EPIC's canonically shaped reward (Gleave et al. 2020; rm-rl.md §15.1), tabular:
 *   C(R)(s,a,s') = R(s,a,s') + E[γ·R(s',A,S') − R(s,A,S') − γ·R(S,A,S')],  S, S' ~ D_S, A ~ D_A.
 * With m(x) = E_{A,S'}[R(x,A,S')] and M = E_S[m(S)] this is R + γ·m(s') − m(s) − γ·M.
 * Potential shaping cancels exactly, so C(R + γΦ(s') − Φ(s)) = C(R).
 */
export function epicCanonical(
  mdp: Pick<TabularMdp, "states" | "actions" | "gamma">,
  reward: TabularReward,
  distributions: EpicDistributions = {},
): Float64Array {
  const { states, actions, gamma } = mdp;
  const stateDistribution = distributions.stateDistribution ?? uniform(states);
  const actionDistribution = distributions.actionDistribution ?? uniform(actions);
  const mean = new Float64Array(states);
  for (let s = 0; s < states; s++) {
    let total = 0;
    for (let a = 0; a < actions; a++) {
      for (let next = 0; next < states; next++) {
        total +=
          (actionDistribution[a] as number) *
          (stateDistribution[next] as number) *
          (reward[transitionIndex(mdp, s, a, next)] as number);
      }
    }
    mean[s] = total;
  }
  let overall = 0;
  for (let s = 0; s < states; s++) overall += (stateDistribution[s] as number) * (mean[s] as number);
  const out = new Float64Array(reward.length);
  for (let s = 0; s < states; s++) {
    for (let a = 0; a < actions; a++) {
      for (let next = 0; next < states; next++) {
        const at = transitionIndex(mdp, s, a, next);
        out[at] =
          (reward[at] as number) + gamma * (mean[next] as number) - (mean[s] as number) - gamma * overall;
      }
    }
  }
  return out;
}

/**
 * The Pearson correlation of two arrays under weights (default uniform). NaN when either side is
 * constant under the weights: a correlation with a constant is undefined, not 0.
 */
export function weightedPearson(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  weights?: ArrayLike<number>,
): number {
  if (x.length !== y.length) throw new RangeError(`pearson: lengths differ (${x.length} vs ${y.length})`);
  let total = 0;
  let meanX = 0;
  let meanY = 0;
  for (let index = 0; index < x.length; index++) {
    const weight = weights ? (weights[index] as number) : 1;
    total += weight;
    meanX += weight * (x[index] as number);
    meanY += weight * (y[index] as number);
  }
  meanX /= total;
  meanY /= total;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < x.length; index++) {
    const weight = weights ? (weights[index] as number) : 1;
    const dx = (x[index] as number) - meanX;
    const dy = (y[index] as number) - meanY;
    covariance += weight * dx * dy;
    varianceX += weight * dx * dx;
    varianceY += weight * dy * dy;
  }
  const scale = Math.max(varianceX, varianceY, 1e-300);
  // Relative to the larger variance: a side that is constant up to rounding counts as constant.
  if (varianceX <= 1e-24 * scale || varianceY <= 1e-24 * scale || varianceX === 0 || varianceY === 0) {
    return Number.NaN;
  }
  return Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceX * varianceY)));
}

/** EPIC's Pearson distance D_ρ = √((1 − ρ)/2), in [0, 1]. */
export function pearsonDistance(correlation: number): number {
  return Math.sqrt(Math.max(0, (1 - correlation) / 2));
}

/**
 * D_EPIC(R_A, R_B): the Pearson distance of the canonically shaped rewards over the coverage
 * distribution D on (s, a, s') (default uniform over all S·A·S triples). NaN if a canonical reward
 * is constant (EPIC is undefined for a reward equivalent to 0).
 */
export function epicDistance(
  mdp: Pick<TabularMdp, "states" | "actions" | "gamma">,
  rewardA: TabularReward,
  rewardB: TabularReward,
  options: EpicDistributions & { coverage?: ArrayLike<number> } = {},
): number {
  const canonicalA = epicCanonical(mdp, rewardA, options);
  const canonicalB = epicCanonical(mdp, rewardB, options);
  return pearsonDistance(weightedPearson(canonicalA, canonicalB, options.coverage));
}
