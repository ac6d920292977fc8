/**
 * Lagrange multipliers for constrained RLHF (Moskovitz et al. 2024, rlhf.md §5; code:
 * tedmoskovitz/ConstrainedRL4LMs `rl4lms/algorithms/constrained_ppo/constrained_ppo.py`).
 * Component rewards become constraints v_i ≥ θ_i (μ-PPO, sigmoid-squashed multipliers) or
 * v_i = θ_i (ξ-PPO, tanh-squashed, so a multiplier can turn negative and push v_i back down).
 * `upper` is All-PPO, reconstructed (the paper's exact form is [UNCONFIRMED]): every component is
 * in the objective and capped at its proxy point, max v_task + Σ v_i s.t. v_i ≤ θ_i, i.e. the
 * Lagrangian v_task + Σ (1 − λ_i)·v_i + Σ λ_i·θ_i with sigmoid multipliers that rise while v_i > θ_i.
 */

import { sigmoid } from "../core/index.js";

export type ConstraintKind = "inequality" | "equality" | "upper";

/** sigmoid for inequality (and upper) constraints, tanh for equality ones (the code's `squash_fn`). */
export function squashMultiplier(raw: number, kind: ConstraintKind): number {
  return kind === "equality" ? Math.tanh(raw) : sigmoid(raw);
}

function squashSlope(raw: number, kind: ConstraintKind): number {
  if (kind === "equality") return 1 - Math.tanh(raw) ** 2;
  const value = sigmoid(raw);
  return value * (1 - value);
}

/**
 * The mixed reward or advantage for one sample. Squashed (the code's default):
 * (N − Σλ_i)·A_task + Σ λ_i·A_i. Unsquashed: A_task + Σ λ_i·A_i (the code indexes `lagrange[1:]`
 * there, which looks like a bug; we use every multiplier).
 * @example mixedValue(0.2, [1.0, -0.4], [0.5, 0.5], true) // 0.5
 */
export function mixedValue(
  task: number,
  constraints: readonly number[],
  multipliers: readonly number[],
  squashed: boolean,
): number {
  let weightSum = 0;
  let mixed = 0;
  for (let index = 0; index < constraints.length; index++) {
    const multiplier = multipliers[index] as number;
    weightSum += multiplier;
    mixed += multiplier * (constraints[index] as number);
  }
  return (squashed ? constraints.length - weightSum : 1) * task + mixed;
}

/**
 * All-PPO's mixed value (`kind: upper`, reconstructed): r_task + Σ (1 − λ_i)·r_i, so a component
 * past its cap loses its weight (never below 0).
 * @example cappedMixedValue(0.2, [1.0, -0.4], [0.5, 0.5]) // 0.5
 */
export function cappedMixedValue(
  task: number,
  constraints: readonly number[],
  multipliers: readonly number[],
): number {
  return constraints.reduce(
    (sum, value, index) => sum + Math.max(0, 1 - (multipliers[index] as number)) * value,
    task,
  );
}

/** The multipliers' optimizer state: torch SGD with momentum on the raw (unsquashed) values. */
export interface MultiplierState {
  readonly raw: readonly number[];
  /** The momentum buffer; null before the first step (torch then starts it at the gradient). */
  readonly velocity: readonly number[] | null;
  readonly updates: number;
}

export interface MultiplierStepOptions {
  kind: ConstraintKind;
  squashed: boolean;
  /** `lagrange_lr`: 0.1 in the paper's dialog configs (the class default is 0.01). */
  learningRate: number;
  /** SGD momentum, 0.1 in the code. */
  momentum: number;
  /** The gradient norm is clipped to this (`max_grad_norm`, 0.5). */
  maxGradNorm: number;
}

/**
 * One multiplier update from the constraint violations v_i − θ_i. It minimizes
 * L = Σ squash(λ_i)·stopgrad(v_i − θ_i): a constraint below its threshold raises its multiplier (more
 * weight on that reward), one above it lowers it.
 * @example multiplierStep(initialMultipliers(2), [-0.04, 0.1], options).raw[0] // 0.001 with lr 0.1
 */
export function multiplierStep(
  state: MultiplierState,
  violations: readonly number[],
  options: MultiplierStepOptions,
): MultiplierState {
  // All-PPO's caps push the other way: L = −Σ λ_i·(v_i − θ_i), so λ_i rises while v_i > θ_i.
  const sign = options.kind === "upper" ? -1 : 1;
  const gradient = state.raw.map(
    (raw, index) =>
      sign *
      (options.squashed
        ? squashSlope(raw, options.kind) * (violations[index] as number)
        : (violations[index] as number)),
  );
  const norm = Math.sqrt(gradient.reduce((sum, value) => sum + value * value, 0));
  // torch.nn.utils.clip_grad_norm_: scale by max_norm / (norm + 1e-6) when that is below 1.
  const clip = Math.min(1, options.maxGradNorm / (norm + 1e-6));
  const clipped = gradient.map((value) => value * clip);
  const velocity = state.velocity
    ? clipped.map((value, index) => options.momentum * (state.velocity?.[index] as number) + value)
    : clipped;
  const raw = state.raw.map((value, index) => {
    const next = value - options.learningRate * (velocity[index] as number);
    // Unsquashed inequality multipliers are kept non-negative after each step, as in the code.
    return !options.squashed && options.kind !== "equality" ? Math.max(next, 0) : next;
  });
  return { raw, velocity, updates: state.updates + 1 };
}

/** Raw multipliers at `initial` (the code draws N(0, 0.01²) when squashed and uses 0.5 otherwise). */
export function initialMultipliers(count: number, initial = 0): MultiplierState {
  return { raw: new Array<number>(count).fill(initial), velocity: null, updates: 0 };
}

/**
 * The mixed advantages of a batch as the code computes them: each stream normalized over the batch,
 * (A − mean)/(std + 1e-8) with the unbiased std, then mixed with the squashed multipliers.
 */
export function mixedAdvantages(input: {
  task: readonly number[];
  constraints: readonly (readonly number[])[];
  multipliers: readonly number[];
  squashed: boolean;
  normalize: boolean;
  kind?: ConstraintKind;
}): number[] {
  const task = input.normalize ? normalizeStream(input.task) : input.task;
  const constraints = input.constraints.map((stream) => (input.normalize ? normalizeStream(stream) : stream));
  return task.map((value, sample) =>
    input.kind === "upper"
      ? cappedMixedValue(
          value,
          constraints.map((stream) => stream[sample] as number),
          input.multipliers,
        )
      : mixedValue(
          value,
          constraints.map((stream) => stream[sample] as number),
          input.multipliers,
          input.squashed,
        ),
  );
}

function normalizeStream(values: readonly number[]): number[] {
  const count = values.length;
  const mean = values.reduce((sum, value) => sum + value, 0) / count;
  const variance =
    count > 1 ? values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / (count - 1) : Number.NaN;
  // torch.std of one element is NaN; the code would propagate it. We leave a single value at 0.
  const std = Number.isNaN(variance) ? 0 : Math.sqrt(variance);
  return values.map((value) => (value - mean) / (std + 1e-8));
}
