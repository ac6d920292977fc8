import jstat from "jstat";
import { logSigmoid, sigmoid } from "../core/index.js";

/**
 * Preference As Reward and the reference-relative baselines it is compared with (Fu et al. 2025,
 * rlhf.md §1; code: PorUna-byte/PAR `trainers/reward_shaper.py`). Each takes the policy response's raw
 * reward r and the same reward model's scores of reference (SFT) responses to the same prompt.
 */

/** σ and log σ live in core (one overflow-safe pair for every room); re-exported for `compose.sigmoid`. */
export { logSigmoid, sigmoid } from "../core/index.js";

export interface RelativeOptions {
  /** Only the first M references are used (PAR's `reward_maxref`, default 10). */
  maxReferences?: number;
}

/** The mean of `transform(r − r_ref)` over the first `maxReferences` references. */
export function relativeMean(
  reward: number,
  referenceRewards: readonly number[],
  transform: (difference: number) => number,
  options: RelativeOptions = {},
): number {
  const count = Math.min(referenceRewards.length, options.maxReferences ?? 10);
  if (count < 1) throw new RangeError("at least one reference reward is needed");
  let total = 0;
  for (let index = 0; index < count; index++)
    total += transform(reward - (referenceRewards[index] as number));
  return total / count;
}

/**
 * PAR (Eq. 1 of the paper): (1/M) Σ_m σ(k·(r − r_ref,m)). Bounded in (0, 1), steep near the
 * references and flat far above them.
 * @example parReward(1.0, [0.5, 1.5, -0.5]) // 0.605858
 */
export function parReward(
  reward: number,
  referenceRewards: readonly number[],
  options: RelativeOptions & { k?: number } = {},
): number {
  const k = options.k ?? 1;
  return relativeMean(reward, referenceRewards, (difference) => sigmoid(k * difference), options);
}

/** PAR's "centered" baseline: (1/M) Σ_m (r − r_ref,m). */
export function centeredReward(
  reward: number,
  referenceRewards: readonly number[],
  options: RelativeOptions = {},
): number {
  return relativeMean(reward, referenceRewards, (difference) => difference, options);
}

/**
 * PAR's "sgfc" baseline (slow growth, fast convergence): PAR applied to r − shift (shift 3 in the
 * code), i.e. (1/M) Σ_m σ(k·(r − shift − r_ref,m)).
 */
export function sgfcReward(
  reward: number,
  referenceRewards: readonly number[],
  options: RelativeOptions & { k?: number; shift?: number } = {},
): number {
  return parReward(reward - (options.shift ?? 3), referenceRewards, options);
}

/**
 * PAR's "LSC" baseline (log-sigmoid centered): log σ(r − r_ref) with r_ref the `percentile` (0.85)
 * quantile of a normal fitted to **all** references: mean and unbiased std (+1e-5, as the code's
 * `norm.ppf(p, loc, scale=std+1e-5)`). One reference has std 0 (the code's `var` keeps n for n = 1).
 * @example lscReward(1.0, [0.5, 1.5, -0.5]) // -0.996917
 */
export function lscReward(
  reward: number,
  referenceRewards: readonly number[],
  options: { percentile?: number } = {},
): number {
  const count = referenceRewards.length;
  if (count < 1) throw new RangeError("at least one reference reward is needed");
  let total = 0;
  for (const value of referenceRewards) total += value;
  const center = total / count;
  let squares = 0;
  for (const value of referenceRewards) squares += (value - center) ** 2;
  const std = Math.sqrt(squares / (count > 1 ? count - 1 : 1));
  const referenceReward = jstat.jStat.normal.inv(options.percentile ?? 0.85, center, std + 1e-5);
  return logSigmoid(reward - referenceReward);
}

export interface LengthPenaltyOptions {
  /** Lengths up to this are free (PAR's `gen_valid_len`, 300 tokens). */
  allowed: number;
  /** Subtracted per unit beyond `allowed` (PAR's `len_penalty`, 0.01). */
  perUnit: number;
}

/**
 * PAR's length penalty, applied before shaping: r − perUnit·(length − allowed) when the response is
 * longer than `allowed`.
 * @example lengthPenalized(2.0, 350, { allowed: 300, perUnit: 0.01 }) // 1.5
 */
export function lengthPenalized(reward: number, length: number, options: LengthPenaltyOptions): number {
  return length > options.allowed ? reward - options.perUnit * (length - options.allowed) : reward;
}
