import { sigmoid } from "../../core/index.js";

/**
 * Expected calibration error of the model's pairwise probabilities p = σ(r_c − r_r), read
 * symmetrically: confidence = max(p, 1 − p), correct when p > 0.5; equal-width bins over
 * [0.5, 1]. ECE = Σ_b (n_b / n)·|accuracy_b − confidence_b|.
 */
export function expectedCalibrationError(deltas: ArrayLike<number>, bins = 10): number {
  const count = new Float64Array(bins);
  const confidenceSum = new Float64Array(bins);
  const correctSum = new Float64Array(bins);
  for (let index = 0; index < deltas.length; index++) {
    const probability = sigmoid(deltas[index] as number);
    const confidence = Math.max(probability, 1 - probability);
    const bin = Math.min(bins - 1, Math.floor((confidence - 0.5) * 2 * bins));
    count[bin] = (count[bin] as number) + 1;
    confidenceSum[bin] = (confidenceSum[bin] as number) + confidence;
    correctSum[bin] = (correctSum[bin] as number) + (probability > 0.5 ? 1 : 0);
  }
  let error = 0;
  for (let bin = 0; bin < bins; bin++) {
    const n = count[bin] as number;
    if (n === 0) continue;
    error +=
      (n / deltas.length) * Math.abs((correctSum[bin] as number) / n - (confidenceSum[bin] as number) / n);
  }
  return error;
}

/** Pearson correlation; undefined when either side has no variance. */
export function pearson(xs: ArrayLike<number>, ys: ArrayLike<number>): number | undefined {
  const n = xs.length;
  if (n < 2) return undefined;
  let meanX = 0;
  let meanY = 0;
  for (let index = 0; index < n; index++) {
    meanX += xs[index] as number;
    meanY += ys[index] as number;
  }
  meanX /= n;
  meanY /= n;
  let covariance = 0;
  let varianceX = 0;
  let varianceY = 0;
  for (let index = 0; index < n; index++) {
    const dx = (xs[index] as number) - meanX;
    const dy = (ys[index] as number) - meanY;
    covariance += dx * dy;
    varianceX += dx * dx;
    varianceY += dy * dy;
  }
  if (varianceX === 0 || varianceY === 0) return undefined;
  return covariance / Math.sqrt(varianceX * varianceY);
}

export interface AgreementFigures {
  members: number;
  /** Pairs on which every member orders the two responses the same way. */
  unanimous: number;
  /** Mean over member pairs of the fraction of pairs they order alike. */
  pairwiseAgreement: number;
  /** Mean over pairs of the members' std of r_c − r_r (population std). */
  meanDeltaStd: number;
}

/** How much ensemble members agree: deltas[member][pair] = r_c − r_r. */
export function ensembleAgreement(deltas: readonly ArrayLike<number>[]): AgreementFigures {
  const members = deltas.length;
  const pairs = deltas[0]?.length ?? 0;
  let unanimous = 0;
  let stdSum = 0;
  for (let pair = 0; pair < pairs; pair++) {
    let positive = 0;
    let mean = 0;
    for (const member of deltas) {
      const delta = member[pair] as number;
      if (delta > 0) positive++;
      mean += delta;
    }
    mean /= members;
    let variance = 0;
    for (const member of deltas) variance += ((member[pair] as number) - mean) ** 2;
    stdSum += Math.sqrt(variance / members);
    if (positive === 0 || positive === members) unanimous++;
  }
  let agreeSum = 0;
  let couples = 0;
  for (let first = 0; first < members; first++) {
    for (let second = first + 1; second < members; second++) {
      let agree = 0;
      for (let pair = 0; pair < pairs; pair++) {
        if (
          ((deltas[first] as ArrayLike<number>)[pair] as number) > 0 ===
          ((deltas[second] as ArrayLike<number>)[pair] as number) > 0
        )
          agree++;
      }
      agreeSum += pairs > 0 ? agree / pairs : 0;
      couples++;
    }
  }
  return {
    members,
    unanimous: pairs > 0 ? unanimous / pairs : 0,
    pairwiseAgreement: couples > 0 ? agreeSum / couples : 1,
    meanDeltaStd: pairs > 0 ? stdSum / pairs : 0,
  };
}
