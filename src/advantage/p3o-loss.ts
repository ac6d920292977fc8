import { p3oJointClipObjective, p3oSeparateClipObjective } from "./p3o.js";

/** Which of P3O's clipped objectives (Wu et al. 2023): V1 clips each ratio, V2 their quotient. */
export type P3oClip = "separate" | "joint";

export interface P3oPairLossInput {
  /** Δ = R(y1) − R(y2), the (KL-penalized) reward difference of the pair. */
  delta: number;
  /** log ρ1 = log π_θ(y1|x) − log π_old(y1|x), summed over the response's tokens. */
  logRatioFirst: number;
  logRatioSecond: number;
  /** ε, the clip range (default 0.2). */
  epsilon?: number;
  clip: P3oClip;
}

export interface P3oPairLoss {
  /** The clipped objective to MAXIMIZE (a trainer minimizes its negative). */
  objective: number;
  /** d objective / d log π_θ(y1|x) and d / d log π_θ(y2|x): chain them into each token's log-prob. */
  gradientFirst: number;
  gradientSecond: number;
  /** Whether the clip took the gradient away (for clip-fraction logs). */
  clipped: boolean;
}

/**
 * P3O's clipped trajectory-wise objective of one pair and its gradient with respect to the two
 * responses' sequence log-probabilities — the loss a trainer or the lab's optimizer ascends.
 * The clipped forms are RECONSTRUCTED from the paper's derivation (methods/rlhf.md §11; no public
 * code). Where the min picks the unclipped term its derivative is ρ·(±Δ/2) (the ratio's derivative
 * with respect to its log); where the clipped constant wins, 0 — as autograd gives for torch.min.
 */
export function p3oPairLoss(input: P3oPairLossInput): P3oPairLoss {
  const epsilon = input.epsilon ?? 0.2;
  const ratioFirst = Math.exp(input.logRatioFirst);
  const ratioSecond = Math.exp(input.logRatioSecond);
  const half = input.delta / 2;
  const pair = { delta: input.delta, ratioFirst, ratioSecond, epsilon };
  if (input.clip === "joint") {
    const ratio = Math.exp(input.logRatioFirst - input.logRatioSecond);
    const active = unclippedWins(ratio, half, epsilon);
    const gradient = active ? ratio * half : 0;
    return {
      objective: p3oJointClipObjective(pair),
      gradientFirst: gradient,
      gradientSecond: -gradient,
      clipped: !active,
    };
  }
  const firstActive = unclippedWins(ratioFirst, half, epsilon);
  const secondActive = unclippedWins(ratioSecond, -half, epsilon);
  return {
    objective: p3oSeparateClipObjective(pair),
    gradientFirst: firstActive ? ratioFirst * half : 0,
    gradientSecond: secondActive ? ratioSecond * -half : 0,
    clipped: !firstActive || !secondActive,
  };
}

/** min(ρ·a, clip(ρ)·a) takes the unclipped term (and so depends on ρ) exactly when this holds. */
function unclippedWins(ratio: number, advantage: number, epsilon: number): boolean {
  const clipped = Math.min(Math.max(ratio, 1 - epsilon), 1 + epsilon);
  return ratio * advantage <= clipped * advantage;
}
