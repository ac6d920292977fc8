import { logSigmoid, sigmoid } from "../../core/index.js";

/** 2-vectors (one point's velocity): predictions and targets of one pair at one (t, ε). */
export interface FlowDpoPairInput {
  /** v_θ(x_t^w, t), v_θ(x_t^l, t). */
  policyWinner: ArrayLike<number>;
  policyLoser: ArrayLike<number>;
  /** v_ref at the same points (the frozen starting model). */
  referenceWinner: ArrayLike<number>;
  referenceLoser: ArrayLike<number>;
  /** The flow-matching targets v = ε − x₀ of each side. */
  targetWinner: ArrayLike<number>;
  targetLoser: ArrayLike<number>;
  /** β_t for this t (see `flowDpoBeta`). */
  beta: number;
}

function squaredError(predicted: ArrayLike<number>, target: ArrayLike<number>): number {
  let total = 0;
  for (let axis = 0; axis < predicted.length; axis++)
    total += ((predicted[axis] as number) - (target[axis] as number)) ** 2;
  return total;
}

/**
 * Flow-DPO (Liu et al. 2025, "Improving Video Generation with Human Feedback", §4; Diffusion-DPO
 * carried over to rectified flow):
 *   L = −log σ(−(β_t/2)·[(‖v_w − v_θ(x_t^w)‖² − ‖v_w − v_ref(x_t^w)‖²) − (‖v_l − v_θ(x_t^l)‖² − ‖v_l − v_ref(x_t^l)‖²)])
 * with both sides noised at the same t. Returns the loss and dL/dv_θ for each side.
 */
export function flowDpoPairLoss(input: FlowDpoPairInput): {
  loss: number;
  winner: Float64Array;
  loser: Float64Array;
} {
  const winnerGap =
    squaredError(input.policyWinner, input.targetWinner) -
    squaredError(input.referenceWinner, input.targetWinner);
  const loserGap =
    squaredError(input.policyLoser, input.targetLoser) -
    squaredError(input.referenceLoser, input.targetLoser);
  const margin = (-input.beta / 2) * (winnerGap - loserGap);
  const outer = sigmoid(margin) - 1; // dL/dmargin
  const gradient = (predicted: ArrayLike<number>, target: ArrayLike<number>, sign: number) =>
    Float64Array.from(
      predicted,
      (value, axis) => outer * (-input.beta / 2) * sign * 2 * (value - (target[axis] as number)),
    );
  return {
    loss: -logSigmoid(margin),
    winner: gradient(input.policyWinner, input.targetWinner, 1),
    loser: gradient(input.policyLoser, input.targetLoser, -1),
  };
}

/**
 * β_t: constant (default), or β·(1 − t)² — the weight the KL-regularized derivation gives a
 * rectified-flow step in our reading of Liu et al. (reconstructed; the paper reports that a constant
 * β works better).
 */
export function flowDpoBeta(beta: number, t: number, schedule: "constant" | "timestep" = "constant"): number {
  return schedule === "constant" ? beta : beta * (1 - t) ** 2;
}
