import type { PolicyObjective } from "./ppo-loss.js";

/** The drift network's inputs per (ρ, A): 8, or 16 with the training-progress copy (TA-LPO). */
export function driftInputCount(temporal: boolean): number {
  return temporal ? 16 : 8;
}

/** Parameters of a drift network with `hidden` tanh units and no biases: W₁ (hidden × inputs), then w₂. */
export function driftParameterCount(options: { hidden: number; temporal: boolean }): number {
  return options.hidden * driftInputCount(options.temporal) + options.hidden;
}

/**
 * The drift's inputs x(ρ, A) and ∂x/∂ρ, as LPO's code builds them (Lu et al. 2022, "Discovered Policy
 * Optimisation"): [log ρ, (log ρ)², 1 − ρ, (1 − ρ)²] and the same four times A, each clipped to
 * [−2, 2] (a clipped input has slope 0). TA-LPO (Jackson et al. 2024, eq. 10) appends the training
 * progress n/N times each: x_t = [x, (n/N)·x], so the drift can change over the agent's lifetime while
 * staying 0 at ρ = 1.
 */
export function driftInputs(
  ratio: number,
  advantage: number,
  progress: number | undefined,
): { inputs: Float64Array; slopes: Float64Array } {
  const logRatio = Math.log(ratio);
  const base = [logRatio, logRatio * logRatio, 1 - ratio, (1 - ratio) * (1 - ratio)];
  const baseSlopes = [1 / ratio, (2 * logRatio) / ratio, -1, -2 * (1 - ratio)];
  const count = driftInputCount(progress !== undefined);
  const inputs = new Float64Array(count);
  const slopes = new Float64Array(count);
  for (let index = 0; index < 8; index++) {
    const scale = index < 4 ? 1 : advantage;
    inputs[index] = scale * (base[index % 4] as number);
    slopes[index] = scale * (baseSlopes[index % 4] as number);
  }
  if (progress !== undefined) {
    for (let index = 0; index < 8; index++) {
      inputs[8 + index] = progress * (inputs[index] as number);
      slopes[8 + index] = progress * (slopes[index] as number);
    }
  }
  for (let index = 0; index < count; index++) {
    const value = inputs[index] as number;
    if (value > 2 || value < -2) {
      inputs[index] = Math.max(-2, Math.min(2, value));
      slopes[index] = 0;
    }
  }
  return { inputs, slopes };
}

export interface DriftNetwork {
  /** Tanh units of the one hidden layer. */
  hidden: number;
  /** Whether the network reads the training progress (TA-LPO) or not (LPO). */
  temporal: boolean;
  /** W₁ row-major (hidden × inputs), then w₂ (hidden); no biases, so the network is 0 at ρ = 1. */
  parameters: Float64Array;
}

/**
 * LPO's policy objective f(ρ, A) = ρA − D(ρ, A) (Mirror Learning's drift form of PPO), with
 * D = ReLU(D_PPO + net(x) − 10⁻⁴) when started from PPO (`ppoInit`, the LPO code's `ppo_init`, "best
 * results") and ReLU(net(x) − 10⁻⁴) otherwise; D_PPO = ReLU((ρ − clip(ρ, 1 ± ε))·A), so a zero
 * network is exactly PPO's clipped objective. `progress()` is n/N, read for TA-LPO's inputs.
 *
 * @example
 * const objective = lpoObjective({ network, progress: () => agent.updates / totalUpdates });
 * const agent = new PpoAgent({ environment, seed, options, objective });
 */
export function lpoObjective(options: {
  network: DriftNetwork;
  progress?: () => number;
  ppoInit?: boolean;
  clip?: number;
}): PolicyObjective {
  const { network } = options;
  const epsilon = options.clip ?? 0.2;
  const ppoInit = options.ppoInit ?? true;
  const inputsCount = driftInputCount(network.temporal);
  const expected = driftParameterCount(network);
  if (network.parameters.length !== expected)
    throw new RangeError(
      `lpoObjective: expected ${expected} drift parameters, got ${network.parameters.length}`,
    );
  if (network.temporal && !options.progress)
    throw new RangeError("lpoObjective: a temporal drift needs progress()");
  const weights = network.parameters;
  const outputOffset = network.hidden * inputsCount;
  return (ratio, advantage) => {
    const { inputs, slopes } = driftInputs(
      ratio,
      advantage,
      network.temporal ? options.progress?.() : undefined,
    );
    let output = 0;
    let outputSlope = 0;
    for (let unit = 0; unit < network.hidden; unit++) {
      let preactivation = 0;
      let preactivationSlope = 0;
      for (let input = 0; input < inputsCount; input++) {
        const weight = weights[unit * inputsCount + input] as number;
        preactivation += weight * (inputs[input] as number);
        preactivationSlope += weight * (slopes[input] as number);
      }
      const activation = Math.tanh(preactivation);
      const outputWeight = weights[outputOffset + unit] as number;
      output += outputWeight * activation;
      outputSlope += outputWeight * (1 - activation * activation) * preactivationSlope;
    }
    let base = 0;
    let baseSlope = 0;
    if (ppoInit) {
      const clipped = Math.min(1 + epsilon, Math.max(1 - epsilon, ratio));
      const excess = (ratio - clipped) * advantage;
      if (excess > 0) {
        base = excess;
        baseSlope = clipped === ratio ? 0 : advantage;
      }
    }
    const raw = base + output - 1e-4;
    const drift = Math.max(raw, 0);
    const driftSlope = raw > 0 ? baseSlope + outputSlope : 0;
    return { value: ratio * advantage - drift, slope: advantage - driftSlope };
  };
}
