import type { Random } from "../random.js";
import type { VelocityNetwork } from "./velocity-network.js";

/**
 * The stochastic sampler of a rectified-flow model, reconstructed from Flow-GRPO's SDE (Liu et al.
 * 2025): stepping t → t − h,
 *   x' = x − h·[v + (g²/2t)·(x + (1 − t)·v)] + g·√h·z,   z ~ N(0, I),
 * which has the ODE's marginals for any g (the score is −(x + (1 − t)v)/t). With g(t)² = a²·t the
 * drift is x·(1 − h·a²/2) − h·(1 + a²(1 − t)/2)·v: affine in v, so each step is a Gaussian whose
 * log-probability D3PO can differentiate. a = 0 is the deterministic Euler sampler.
 */
export interface SdeStep {
  /** Coefficient of x in the mean. */
  shrink: number;
  /** The mean is shrink·x − velocityScale·v. */
  velocityScale: number;
  /** Standard deviation of the step (0 for the ODE). */
  std: number;
}

export function sdeStep(t: number, h: number, noise: number): SdeStep {
  const a2 = noise * noise;
  return {
    shrink: 1 - (h * a2) / 2,
    velocityScale: h * (1 + (a2 * (1 - t)) / 2),
    std: Math.sqrt(a2 * t * h),
  };
}

/** A sampled path: the states x_{t_0 = 1}, ..., x_{t_K = 0} and the times. */
export interface SampledPaths {
  rows: number;
  steps: number;
  /** `states[k]` holds every row's x at time `times[k]` (2 numbers a row). */
  states: Float64Array[];
  times: Float64Array;
}

/** Samples `rows` points with K steps from t = 1 (pure noise) to t = 0, keeping every state. */
export function samplePaths(
  network: VelocityNetwork,
  options: { rows: number; steps: number; noise: number; random: Random },
): SampledPaths {
  const { rows, steps } = options;
  const times = Float64Array.from({ length: steps + 1 }, (_, k) => 1 - k / steps);
  const h = 1 / steps;
  let current = Float64Array.from({ length: 2 * rows }, () => options.random.normal());
  const states = [current];
  for (let k = 0; k < steps; k++) {
    const t = times[k] as number;
    const { velocity } = network.forward(current, new Float64Array(rows).fill(t));
    const step = sdeStep(t, h, options.noise);
    const next = new Float64Array(2 * rows);
    for (let index = 0; index < 2 * rows; index++) {
      next[index] =
        step.shrink * (current[index] as number) -
        step.velocityScale * (velocity[index] as number) +
        (step.std > 0 ? step.std * options.random.normal() : 0);
    }
    states.push(next);
    current = next;
  }
  return { rows, steps, states, times };
}

/** The final samples (t = 0) of sampled paths. */
export function finalStates(paths: SampledPaths): Float64Array {
  return paths.states[paths.steps] as Float64Array;
}

/**
 * log p(x_{k+1} | x_k) of each row under `velocity` at step k, up to the constant shared by every
 * model with the same noise (−log(2πσ²)): −‖x' − m‖² / 2σ².
 */
export function stepLogProbabilities(
  paths: SampledPaths,
  k: number,
  velocity: ArrayLike<number>,
  noise: number,
): Float64Array {
  const step = sdeStep(paths.times[k] as number, 1 / paths.steps, noise);
  const from = paths.states[k] as Float64Array;
  const to = paths.states[k + 1] as Float64Array;
  const out = new Float64Array(paths.rows);
  for (let row = 0; row < paths.rows; row++) {
    let squared = 0;
    for (let axis = 0; axis < 2; axis++) {
      const index = 2 * row + axis;
      const mean = step.shrink * (from[index] as number) - step.velocityScale * (velocity[index] as number);
      squared += ((to[index] as number) - mean) ** 2;
    }
    out[row] = -squared / (2 * step.std * step.std);
  }
  return out;
}

/**
 * KL between the path measures of two samplers with the same noise, estimated on paths drawn from
 * the first: Σ_k E‖m_θ − m_ref‖² / 2σ_k² (Girsanov; the KL of the final samples is at most this).
 */
export function pathKl(
  network: VelocityNetwork,
  reference: VelocityNetwork,
  paths: SampledPaths,
  noise: number,
): number {
  let total = 0;
  for (let k = 0; k < paths.steps; k++) {
    const t = paths.times[k] as number;
    const step = sdeStep(t, 1 / paths.steps, noise);
    const times = new Float64Array(paths.rows).fill(t);
    const own = network.forward(paths.states[k] as Float64Array, times).velocity;
    const base = reference.forward(paths.states[k] as Float64Array, times).velocity;
    let squared = 0;
    for (let index = 0; index < own.length; index++)
      squared += ((own[index] as number) - (base[index] as number)) ** 2;
    total += (step.velocityScale * step.velocityScale * squared) / paths.rows / (2 * step.std * step.std);
  }
  return total;
}

/**
 * d log p(x_{k+1} | x_k) / dv at step k for each row (2 numbers a row): −c·(x' − m)/σ², c the
 * step's velocity scale. What D3PO's loss is back-propagated through.
 */
export function stepLogProbabilityGradient(
  paths: SampledPaths,
  k: number,
  velocity: ArrayLike<number>,
  noise: number,
): Float64Array {
  const step = sdeStep(paths.times[k] as number, 1 / paths.steps, noise);
  const from = paths.states[k] as Float64Array;
  const to = paths.states[k + 1] as Float64Array;
  const out = new Float64Array(2 * paths.rows);
  for (let index = 0; index < out.length; index++) {
    const mean = step.shrink * (from[index] as number) - step.velocityScale * (velocity[index] as number);
    out[index] = (-step.velocityScale * ((to[index] as number) - mean)) / (step.std * step.std);
  }
  return out;
}
