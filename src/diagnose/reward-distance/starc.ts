import { RewardkitError } from "../../core/index.js";
import { epicCanonical } from "./epic.js";
import { policyValue, type TabularMdp, type TabularReward, transitionIndex } from "./tabular-mdp.js";

export type RewardNorm = "l1" | "l2" | "max";

/**
 * STARC's value-adjusted levelling (VAL, Skalse et al. 2023; rm-rl.md §15.2) for a fixed policy π:
 *   c(R)(s, a) = E_{S' ~ τ(s,a)}[R(s, a, S') − V^π(s) + γ·V^π(S')]
 * It removes potential shaping and S'-redistribution; the result depends on (s, a) only, so it is
 * returned as a flat [s][a] array. π defaults to uniform.
 */
export function valCanonical(
  mdp: TabularMdp,
  reward: TabularReward,
  policy?: ArrayLike<number>,
): Float64Array {
  const { states, actions, gamma } = mdp;
  const chosen = policy ?? new Float64Array(states * actions).fill(1 / actions);
  const value = policyValue(mdp, reward, chosen);
  const out = new Float64Array(states * actions);
  for (let s = 0; s < states; s++) {
    for (let a = 0; a < actions; a++) {
      let total = 0;
      for (let next = 0; next < states; next++) {
        const at = transitionIndex(mdp, s, a, next);
        total += (mdp.transitions[at] as number) * ((reward[at] as number) + gamma * (value[next] as number));
      }
      out[s * actions + a] = total - (value[s] as number);
    }
  }
  return out;
}

/** ‖x‖ under L1, L2 or max, with optional per-entry weights (L1/L2 weight |x|, |x|²; max ignores zero weights). */
export function rewardNorm(values: ArrayLike<number>, norm: RewardNorm, weights?: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < values.length; index++) {
    const weight = weights ? (weights[index] as number) : 1;
    const magnitude = Math.abs(values[index] as number);
    if (norm === "max") {
      if (weight > 0) total = Math.max(total, magnitude);
    } else if (norm === "l1") {
      total += weight * magnitude;
    } else {
      total += weight * magnitude * magnitude;
    }
  }
  return norm === "l2" ? Math.sqrt(total) : total;
}

/** STARC's normalization s(R) = c(R) / n(c(R)), and 0 where c(R) = 0 (a reward that ranks nothing). */
export function normalizeReward(
  canonical: ArrayLike<number>,
  options: { norm?: RewardNorm; weights?: ArrayLike<number> | undefined } = {},
): Float64Array {
  const size = rewardNorm(canonical, options.norm ?? "l2", options.weights);
  const out = Float64Array.from(canonical);
  // Relative zero test: canonicalization leaves rounding noise on rewards that are pure shaping.
  if (size <= 1e-12 * Math.max(1, maxAbs(canonical))) return out.fill(0);
  return out.map((value) => value / size);
}

function maxAbs(values: ArrayLike<number>): number {
  let largest = 0;
  for (let index = 0; index < values.length; index++)
    largest = Math.max(largest, Math.abs(values[index] as number));
  return largest;
}

export interface StarcOptions {
  /** `val` (value-adjusted levelling under `policy`, default) or `epic` (EPIC's canonicalization). */
  canonicalization?: "val" | "epic";
  /** π for VAL, flat [s][a] (default uniform). */
  policy?: ArrayLike<number>;
  /** The norm of the normalization and of the metric (default L2, as the methods doc's example). */
  norm?: RewardNorm;
  /** Weights of the norm, over the canonical reward's entries. */
  weights?: ArrayLike<number>;
  /** Report d/2, which lands in [0, 1] (norm-induced metrics range over [0, 2]). */
  halve?: boolean;
}

/**
 * A STARC distance d(R₁, R₂) = ‖s(R₁) − s(R₂)‖: canonicalize, normalize, measure with the same norm.
 * 0 iff the rewards differ by potential shaping, S'-redistribution and positive scaling (for VAL).
 */
export function starcDistance(
  mdp: TabularMdp,
  rewardA: TabularReward,
  rewardB: TabularReward,
  options: StarcOptions = {},
): number {
  const canonicalize = (reward: TabularReward) =>
    options.canonicalization === "epic"
      ? epicCanonical(mdp, reward)
      : valCanonical(mdp, reward, options.policy);
  const norm = options.norm ?? "l2";
  const canonicalA = canonicalize(rewardA);
  if (options.weights && options.weights.length !== canonicalA.length) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `weights: expected ${canonicalA.length} entries (one per canonical entry), got ${options.weights.length}`,
      { path: "weights" },
    );
  }
  const a = normalizeReward(canonicalA, { norm, weights: options.weights });
  const b = normalizeReward(canonicalize(rewardB), { norm, weights: options.weights });
  const difference = a.map((value, index) => value - (b[index] as number));
  const distance = rewardNorm(difference, norm, options.weights);
  return options.halve ? distance / 2 : distance;
}
