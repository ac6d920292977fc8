import { logSigmoid, sigmoid } from "../../core/index.js";

export interface D3poStepInput {
  /** log p_θ(x_{k+1} | x_k) of the preferred and the other trajectory's step. */
  policyWinner: number;
  policyLoser: number;
  /** The same under the frozen reference (the model fine-tuning started from). */
  referenceWinner: number;
  referenceLoser: number;
  beta: number;
  /**
   * Bounds of the probability ratio p_θ / p_ref: [1 − ε, 1 + ε] with the online script's ε = 0.1
   * (default); the offline `train.py` hard-codes [0.8, 1.2]. null for none.
   */
  clip?: readonly [number, number] | null;
}

/**
 * D3PO's loss for one denoising step of one preferred pair (Yang et al. 2024, "Using Human Feedback
 * to Fine-tune Diffusion Models without Any Reward Model"; as in the authors' `scripts/train_d3po.py`,
 * β = 0.1, ε = 0.1):
 *   ρ = clamp(p_θ(x_{k+1}|x_k) / p_ref(x_{k+1}|x_k), 1 − ε, 1 + ε)
 *   L = −log σ(β·log ρ_w − β·log ρ_l)
 * Each step of the two trajectories is its own DPO problem; a ratio at its clip bound passes no
 * gradient (the clamp's), which keeps every step near the reference. Returns dL/d log p_θ per side.
 */
export function d3poStepLoss(input: D3poStepInput): { loss: number; winner: number; loser: number } {
  const clip = input.clip === undefined ? ([0.9, 1.1] as const) : input.clip;
  const side = (policy: number, reference: number) => {
    const logRatio = policy - reference;
    if (!clip) return { logRatio, slope: 1 };
    const low = Math.log(clip[0]);
    const high = Math.log(clip[1]);
    if (logRatio < low) return { logRatio: low, slope: 0 };
    if (logRatio > high) return { logRatio: high, slope: 0 };
    return { logRatio, slope: 1 };
  };
  const winner = side(input.policyWinner, input.referenceWinner);
  const loser = side(input.policyLoser, input.referenceLoser);
  const margin = input.beta * (winner.logRatio - loser.logRatio);
  // dL/dmargin = σ(margin) − 1.
  const outer = sigmoid(margin) - 1;
  return {
    loss: -logSigmoid(margin),
    winner: winner.slope === 0 ? 0 : outer * input.beta,
    loser: loser.slope === 0 ? 0 : -outer * input.beta,
  };
}
