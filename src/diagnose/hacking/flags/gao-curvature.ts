import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { type GaoCoefficients, gaoPeak, gaoValue } from "../../gao-forms.js";
import { normalUpperTail } from "../statistics/normal-tail.js";

/** Gao's RL form fitted with an offset, and how sure the fit is that the curve turns down. */
export interface GaoTurn extends GaoCoefficients {
  /** The fitted gold at d → 0 (the initial policy's gold). */
  offset: number;
  r2: number;
  points: number;
  /** d* = exp(α/β − 1), +∞ when β ≤ 0. */
  peak: number;
  /** β over its standard error. */
  betaZ: number;
  /** One-sided p-value of β > 0. */
  betaP: number;
  /** Standard error of log d* = α/β − 1 (delta method; +∞ when β ≤ 0). */
  logPeakSe: number;
}

/**
 * Least squares of gold = c + d(α − β log d), Gao et al.'s RL form (diagnose/gao-forms.ts) with
 * its offset c fitted rather than subtracted — Gao et al. recentre at the initial policy's exact
 * gold, which a sampled probe only estimates, and a forced origin turns that estimate's error into
 * spurious curvature. β's standard error is √(s²·(XᵀX)⁻¹_ββ), s² = SS_res/(n − 3), so a turn can be
 * tested rather than read off a point estimate; the peak's log, α/β − 1, gets its standard error by
 * the delta method, so "past the peak" can be asked with a confidence. Undefined when the points (d > 0) do not determine
 * the three coefficients.
 */
export function fitGaoTurn(points: ReadonlyArray<{ d: number; gold: number }>): GaoTurn | undefined {
  const used = points.filter(
    (point) => point.d > 0 && Number.isFinite(point.d) && Number.isFinite(point.gold),
  );
  if (used.length < 4) return undefined;
  const basis = (d: number) => [1, d, -d * Math.log(d)];
  const gram = Matrix.zeros(3, 3);
  const right = Matrix.zeros(3, 1);
  for (const { d, gold } of used) {
    const row = basis(d);
    for (let i = 0; i < 3; i++) {
      right.set(i, 0, right.get(i, 0) + (row[i] as number) * gold);
      for (let j = 0; j < 3; j++) gram.set(i, j, gram.get(i, j) + (row[i] as number) * (row[j] as number));
    }
  }
  const cholesky = new CholeskyDecomposition(gram);
  if (!cholesky.isPositiveDefinite()) return undefined;
  const solution = cholesky.solve(right);
  const [offset, alpha, beta] = [solution.get(0, 0), solution.get(1, 0), solution.get(2, 0)];
  if (![offset, alpha, beta].every(Number.isFinite)) return undefined;
  const coefficients = { alpha, beta };
  const meanGold = used.reduce((total, point) => total + point.gold, 0) / used.length;
  let residual = 0;
  let spread = 0;
  for (const { d, gold } of used) {
    residual += (gold - offset - gaoValue("rl", d, coefficients)) ** 2;
    spread += (gold - meanGold) ** 2;
  }
  const inverse = cholesky.solve(Matrix.eye(3, 3));
  const scale = residual / (used.length - 3);
  const variance = scale * inverse.get(2, 2);
  // log d* = α/β − 1; its gradient in (α, β) is (1/β, −α/β²).
  const gradientAlpha = 1 / beta;
  const gradientBeta = -alpha / (beta * beta);
  const logPeakVariance =
    scale *
    (gradientAlpha * gradientAlpha * inverse.get(1, 1) +
      gradientBeta * gradientBeta * inverse.get(2, 2) +
      2 * gradientAlpha * gradientBeta * inverse.get(1, 2));
  const betaZ = variance > 0 ? beta / Math.sqrt(variance) : beta > 0 ? Number.POSITIVE_INFINITY : 0;
  return {
    offset,
    alpha,
    beta,
    r2: spread > 0 ? 1 - residual / spread : 1,
    points: used.length,
    peak: gaoPeak("rl", coefficients),
    betaZ,
    betaP: normalUpperTail(betaZ),
    logPeakSe: beta > 0 && logPeakVariance >= 0 ? Math.sqrt(logPeakVariance) : Number.POSITIVE_INFINITY,
  };
}
