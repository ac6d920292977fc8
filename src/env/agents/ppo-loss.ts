import { addPolicyGradient, entropy, softmax } from "./categorical.js";
import type { PpoOptions } from "./ppo.js";
import { standardizeAdvantages } from "./returns.js";

/**
 * A per-row policy objective f(ρ, A) to maximize in place of PPO's clipped surrogate, with ∂f/∂ρ:
 * learned objectives such as LPO's ρA − drift(ρ, A) (Lu et al. 2022; Jackson et al. 2024) plug in
 * here, keeping PPO's advantages, value loss, entropy bonus and minibatch epochs.
 */
export type PolicyObjective = (ratio: number, advantage: number) => { value: number; slope: number };

export interface PpoMinibatch {
  /** The current policy's logits, `rows × actions`, and values, `rows`. */
  logits: Float64Array;
  values: Float64Array;
  actions: readonly number[];
  /** The logits and values when the steps were gathered. */
  oldLogits: readonly Float64Array[];
  oldValues: readonly number[];
  advantages: readonly number[];
  returns: readonly number[];
  options: Pick<
    PpoOptions,
    | "normalize_advantages"
    | "clip_coefficient"
    | "clip_value_loss"
    | "entropy_coefficient"
    | "value_coefficient"
  >;
  /** Replaces the clipped surrogate (default: PPO's). */
  objective?: PolicyObjective;
}

export interface PpoMinibatchResult {
  /** d(loss)/d(logits) and d(loss)/d(values). */
  logits: Float64Array;
  values: Float64Array;
  /** The loss and its parts, as CleanRL logs them. */
  loss: number;
  policyLoss: number;
  valueLoss: number;
  entropy: number;
  approximateKl: number;
  clipFraction: number;
}

/**
 * PPO's minibatch loss (Schulman et al. 2017, eq. 9, as CleanRL's ppo.py computes it) and its
 * gradients with respect to the logits and values:
 * L = mean max(−A ρ, −A clip(ρ, 1 ± ε)) − c₂ mean H(π) + c₁ · ½ mean max((V − R)², (V_clip − R)²),
 * ρ = π(a|s) / π_old(a|s), V_clip = V_old + clip(V − V_old, ±ε). Where torch.max has a tie it
 * splits the gradient in half, and so does this.
 */
export function ppoMinibatchGradients(batch: PpoMinibatch): PpoMinibatchResult {
  const { options, actions } = batch;
  const rows = actions.length;
  const actionCount = batch.logits.length / rows;
  const epsilon = options.clip_coefficient;
  const rawAdvantages = Float64Array.from(batch.advantages);
  const advantages = options.normalize_advantages ? standardizeAdvantages(rawAdvantages) : rawAdvantages;
  const logitGradient = new Float64Array(batch.logits.length);
  const valueGradient = new Float64Array(rows);
  let policyLoss = 0;
  let valueLoss = 0;
  let entropySum = 0;
  let klSum = 0;
  let clipped = 0;
  for (let row = 0; row < rows; row++) {
    const action = actions[row] as number;
    const probabilities = softmax(batch.logits, row * actionCount, actionCount);
    const oldProbabilities = softmax(batch.oldLogits[row] as Float64Array);
    const logRatio = Math.log(probabilities[action] as number) - Math.log(oldProbabilities[action] as number);
    const ratio = Math.exp(logRatio);
    const advantage = advantages[row] as number;
    let dLogProbability: number;
    if (batch.objective) {
      // loss = −f(ρ, A); d/d log π(a) = −∂f/∂ρ · ρ.
      const { value, slope } = batch.objective(ratio, advantage);
      policyLoss -= value / rows;
      dLogProbability = -slope * ratio;
    } else {
      const unclippedLoss = -advantage * ratio;
      const inRange = ratio >= 1 - epsilon && ratio <= 1 + epsilon;
      const clippedLoss = -advantage * Math.min(1 + epsilon, Math.max(1 - epsilon, ratio));
      policyLoss += Math.max(unclippedLoss, clippedLoss) / rows;
      // d/d log π(a): the unclipped branch gives −A ρ; the clipped one −A ρ inside the range, else 0.
      const towardUnclipped = unclippedLoss > clippedLoss ? 1 : unclippedLoss < clippedLoss ? 0 : 0.5;
      dLogProbability = -advantage * ratio * (towardUnclipped + (1 - towardUnclipped) * (inRange ? 1 : 0));
    }
    const h = entropy(probabilities);
    entropySum += h;
    addPolicyGradient({
      gradient: logitGradient,
      offset: row * actionCount,
      probabilities,
      action,
      weight: -dLogProbability / rows,
      entropyWeight: options.entropy_coefficient / rows,
    });
    klSum += ratio - 1 - logRatio;
    if (Math.abs(ratio - 1) > epsilon) clipped++;

    const value = batch.values[row] as number;
    const target = batch.returns[row] as number;
    const unclippedError = (value - target) ** 2;
    if (options.clip_value_loss) {
      const oldValue = batch.oldValues[row] as number;
      const change = value - oldValue;
      const clippedValue = oldValue + Math.min(epsilon, Math.max(-epsilon, change));
      const clippedError = (clippedValue - target) ** 2;
      valueLoss += (0.5 * Math.max(unclippedError, clippedError)) / rows;
      const share = unclippedError > clippedError ? 1 : unclippedError < clippedError ? 0 : 0.5;
      const passes = change >= -epsilon && change <= epsilon ? 1 : 0;
      valueGradient[row] =
        (options.value_coefficient *
          (share * (value - target) + (1 - share) * (clippedValue - target) * passes)) /
        rows;
    } else {
      valueLoss += (0.5 * unclippedError) / rows;
      valueGradient[row] = (options.value_coefficient * (value - target)) / rows;
    }
  }
  const meanEntropy = entropySum / rows;
  return {
    logits: logitGradient,
    values: valueGradient,
    loss: policyLoss - options.entropy_coefficient * meanEntropy + options.value_coefficient * valueLoss,
    policyLoss,
    valueLoss,
    entropy: meanEntropy,
    approximateKl: klSum / rows,
    clipFraction: clipped / rows,
  };
}
