import { logSigmoid, sigmoid } from "../../core/index.js";

/**
 * The per-pair preference loss and its derivative in Δ = r(chosen) − r(rejected):
 *
 *   L = −[p·log σ(Δ − m) + (1 − p)·log σ(−(Δ − m))]
 *
 * p = 1 and m = 0 is the Bradley-Terry loss; m > 0 is TRL's `margin` (and Secrets of RLHF II's
 * adaptive margin, m = the ensemble's mean preference strength); p = 1 − α is label smoothing
 * (Secrets II §1.3, α = 0.1); any p in [0, 1] is a soft label.
 */
export function pairLoss(delta: number, options: { margin?: number; target?: number } = {}): number {
  const shifted = delta - (options.margin ?? 0);
  const target = options.target ?? 1;
  return -(target * logSigmoid(shifted) + (1 - target) * logSigmoid(-shifted));
}

/** dL/dΔ of `pairLoss`: σ(Δ − m) − p. */
export function pairLossGradient(delta: number, options: { margin?: number; target?: number } = {}): number {
  return sigmoid(delta - (options.margin ?? 0)) - (options.target ?? 1);
}

/** TRL's centering term for one pair, coefficient · (r_c + r_r)² (arXiv 2312.09244 Eq. 2). */
export function centerPenalty(chosen: number, rejected: number, coefficient: number): number {
  return coefficient * (chosen + rejected) ** 2;
}
