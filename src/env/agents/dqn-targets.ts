import type { DenseMlp } from "../../models/mlp/dense-mlp.js";
import { argmax } from "./epsilon-greedy.js";
import type { ReplaySample } from "./replay-buffer.js";

/**
 * DQN's regression targets y = r + γ (1 − terminated) Q⁻(s', a*), with a* = argmax Q⁻(s', ·)
 * (Mnih et al. 2015) or, for double DQN, a* = argmax Q(s', ·) of the online network
 * (van Hasselt et al. 2016, eq. 4).
 */
export function dqnTargets(options: {
  batch: ReplaySample;
  target: DenseMlp;
  online: DenseMlp;
  discount: number;
  double: boolean;
}): Float64Array {
  const { batch, target, online, discount } = options;
  const actions = target.outputSize;
  const targetValues = target.forward(batch.nextFeatures, batch.rows);
  const onlineValues = options.double ? online.forward(batch.nextFeatures, batch.rows) : undefined;
  const out = new Float64Array(batch.rows);
  for (let row = 0; row < batch.rows; row++) {
    const slice = targetValues.subarray(row * actions, (row + 1) * actions);
    const chosen = onlineValues
      ? argmax(onlineValues.subarray(row * actions, (row + 1) * actions))
      : argmax(slice);
    const next = batch.terminated[row] ? 0 : (slice[chosen] as number);
    out[row] = (batch.rewards[row] as number) + discount * next;
  }
  return out;
}

/**
 * d(loss)/d(Q) for the taken actions' values against their targets, averaged over the batch:
 * Huber (smooth L1 with δ = 1, the DQN paper's clipped error) gives clip(Q − y, −1, 1); the squared
 * error (Q − y)² of CleanRL's F.mse_loss gives 2 (Q − y).
 */
export function temporalDifferenceGradient(options: {
  values: Float64Array;
  actions: Int32Array;
  targets: Float64Array;
  loss: "huber" | "mse";
}): Float64Array {
  const { values, actions, targets } = options;
  const rows = targets.length;
  const width = values.length / rows;
  const out = new Float64Array(values.length);
  for (let row = 0; row < rows; row++) {
    const index = row * width + (actions[row] as number);
    const error = (values[index] as number) - (targets[row] as number);
    out[index] = (options.loss === "huber" ? Math.max(-1, Math.min(1, error)) : 2 * error) / rows;
  }
  return out;
}
