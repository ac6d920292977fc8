import { normalUpperTail } from "./normal-tail.js";

/** The Mann–Kendall trend test of a series against its order (time). */
export interface MannKendall {
  /** Points used (finite values). */
  n: number;
  /** S = Σ_{i<j} sign(x_j − x_i). */
  s: number;
  /** Kendall's τ_a = S / (n(n−1)/2): −1 (always falling) to +1 (always rising). */
  tau: number;
  /** The continuity-corrected normal score (S ∓ 1)/√Var(S), with the tie correction. */
  z: number;
  /** One-sided p-value for a rising trend, P(Z ≥ z). */
  pRising: number;
  /** One-sided p-value for a falling trend, P(Z ≤ z). */
  pFalling: number;
}

/**
 * Mann (1945) and Kendall (1975): S counts how often a later value exceeds an earlier one minus how
 * often it falls below; under "no trend" S is centred at 0 with
 *   Var(S) = [n(n−1)(2n+5) − Σ_t t(t−1)(2t+5)] / 18   (t: the sizes of groups of tied values),
 * and (S − sign(S))/√Var(S) is close to standard normal from n ≈ 8 on. It assumes nothing about the
 * values' distribution and is unmoved by outliers, which is why it is the usual test for trends in
 * noisy monitoring series (hydrology, climate). O(n²), for the few hundred points of a run's steps.
 */
export function mannKendall(values: readonly number[]): MannKendall {
  const series = values.filter((value) => Number.isFinite(value));
  const n = series.length;
  let s = 0;
  for (let i = 0; i < n - 1; i++) {
    const earlier = series[i] as number;
    for (let j = i + 1; j < n; j++) s += Math.sign((series[j] as number) - earlier);
  }
  const ties = new Map<number, number>();
  for (const value of series) ties.set(value, (ties.get(value) ?? 0) + 1);
  let tieTerm = 0;
  for (const size of ties.values()) tieTerm += size * (size - 1) * (2 * size + 5);
  const variance = (n * (n - 1) * (2 * n + 5) - tieTerm) / 18;
  const z = variance > 0 && s !== 0 ? (s - Math.sign(s)) / Math.sqrt(variance) : 0;
  const pairs = (n * (n - 1)) / 2;
  return {
    n,
    s,
    tau: pairs > 0 ? s / pairs : 0,
    z,
    pRising: normalUpperTail(z),
    pFalling: normalUpperTail(-z),
  };
}
