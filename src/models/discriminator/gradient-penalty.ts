import {
  add,
  leakyRelu,
  multiply,
  scale,
  sigmoidOf,
  sqrt,
  square,
  subtract,
  tanh,
} from "../autograd/elementwise-ops.js";
import { addRowVector, matmul, repeatRows, transpose } from "../autograd/linear-ops.js";
import { sumAll } from "../autograd/reduce-ops.js";
import { backward, Tensor } from "../autograd/tensor.js";
import type { DenseMlp } from "../mlp/dense-mlp.js";

/** What the penalty differentiates: the discriminator's probability D = σ(logit), or its logit. */
export type PenaltyOutput = "probability" | "logit";

export interface GradientPenaltyOptions {
  /** A one-output network: the discriminator's logit. */
  network: DenseMlp;
  /** `rows × inputs`, row-major: where the gradient is taken (x̂). */
  points: Float64Array;
  rows: number;
  /** λ (default 10, WGAN-GP's and the methods doc's). */
  coefficient?: number;
  /** k, the gradient norm aimed at (default 1). */
  target?: number;
  /** Default `probability` (the methods doc's D ∈ (0, 1)); Blondé et al.'s code penalizes the logit. */
  on?: PenaltyOutput;
  /** Penalize only norms above k (the code's `one_sided_pen`); default false: (‖∇‖ − k)². */
  oneSided?: boolean;
  /** Add d(penalty)/d(parameters) to the network's `.grad` (default true). */
  accumulate?: boolean;
}

export interface GradientPenaltyResult {
  /** λ · mean over rows of (‖∇ₓ D(x̂)‖ − k)² (one-sided: of max(0, ‖∇‖ − k)²). */
  penalty: number;
  /** ‖∇ₓ D(x̂)‖ per row. */
  gradientNorms: Float64Array;
}

/**
 * The gradient penalty of Lipschitz off-policy GAIL (Blondé, Strasser & Kalousis 2020; methods doc
 * rm-rl.md §21, WGAN-GP's form): λ·E[(‖∇ₓ D(x̂)‖₂ − k)²]. The input gradient is written out as the
 * network's backward pass in autograd ops, so back-propagating the penalty differentiates through it
 * (double backprop) and reaches the weights — what `create_graph=True` does in PyTorch.
 *
 * @example
 * // D(x) = σ(w x) at x̂ = 0: ∇D = w/4; w = 2 → (0.5 − 1)² = 0.25 (the methods doc's worked example)
 * gradientPenalty({ network, points: Float64Array.of(0), rows: 1, coefficient: 1 }).penalty; // 0.25
 */
export function gradientPenalty(options: GradientPenaltyOptions): GradientPenaltyResult {
  const { network, rows } = options;
  const coefficient = options.coefficient ?? 10;
  const target = options.target ?? 1;
  const inputs = network.inputSize;
  if (network.outputSize !== 1)
    throw new RangeError(`gradientPenalty: the network must have one output, it has ${network.outputSize}`);
  if (options.points.length !== rows * inputs)
    throw new RangeError(
      `gradientPenalty: expected ${rows} × ${inputs} points, got ${options.points.length} numbers`,
    );
  const layers = network.layers;
  const hiddenOutputs: Tensor[] = [];
  let current = new Tensor(options.points, rows, inputs);
  let logit = current;
  layers.forEach((layer, index) => {
    const linear = addRowVector(matmul(current, transpose(layer.weight)), layer.bias);
    if (index === layers.length - 1) logit = linear;
    else {
      current = network.activation === "tanh" ? tanh(linear) : leakyRelu(linear, 0);
      hiddenOutputs.push(current);
    }
  });
  // Back through the layers as ops: g = d(out)/d(activation), starting from the last weight row.
  const last = layers[layers.length - 1] as (typeof layers)[number];
  let upstream = repeatRows(last.weight, rows);
  if ((options.on ?? "probability") === "probability") {
    const probability = sigmoidOf(logit);
    const slope = multiply(probability, subtract(constant(rows, 1, 1), probability));
    upstream = multiply(upstream, matmul(slope, constant(1, upstream.columns, 1)));
  }
  for (let index = layers.length - 2; index >= 0; index--) {
    const output = hiddenOutputs[index] as Tensor;
    const derivative =
      network.activation === "tanh"
        ? subtract(constant(output.rows, output.columns, 1), square(output))
        : new Tensor(
            output.data.map((value) => (value > 0 ? 1 : 0)),
            output.rows,
            output.columns,
          );
    upstream = matmul(multiply(upstream, derivative), (layers[index] as (typeof layers)[number]).weight);
  }
  // ‖∇‖ per row; ε keeps √ differentiable where the gradient vanishes.
  const norms = sqrt(add(matmul(square(upstream), constant(inputs, 1, 1)), constant(rows, 1, 1e-24)));
  let deviation = subtract(norms, constant(rows, 1, target));
  if (options.oneSided) deviation = leakyRelu(deviation, 0);
  const penalty = scale(sumAll(square(deviation)), coefficient / rows);
  if (options.accumulate ?? true) backward(penalty);
  return { penalty: penalty.data[0] as number, gradientNorms: Float64Array.from(norms.data) };
}

function constant(rows: number, columns: number, value: number): Tensor {
  return new Tensor(new Float64Array(rows * columns).fill(value), rows, columns);
}
