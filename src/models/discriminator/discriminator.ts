import { sigmoid } from "../../core/index.js";
import { type Activation, DenseMlp } from "../mlp/dense-mlp.js";
import { type Random, seededRandom } from "../random.js";
import { type TensorAdam, tensorAdam } from "../train/dense-adam.js";
import { softplus } from "./adversarial-reward.js";
import { type GradientPenaltyOptions, gradientPenalty } from "./gradient-penalty.js";
import { type PenaltyPoints, penaltyPoints } from "./penalty-points.js";

/** The Lipschitz penalty of a discriminator's updates (null: none, plain GAIL). */
export interface LipschitzPenalty {
  /** λ (default 10). */
  coefficient?: number;
  /** k (default 1). */
  target?: number;
  /** Default `probability` (the methods doc); `logit` as Blondé et al.'s code. */
  on?: GradientPenaltyOptions["on"];
  /** Default false. */
  oneSided?: boolean;
  /** Where the gradient is taken (default `interpolated`, WGAN-GP's x̂ = u·x_E + (1 − u)·x_π). */
  points?: PenaltyPoints;
}

export interface DiscriminatorOptions {
  inputs: number;
  /** Hidden widths (default [64, 64], tanh as GAIL implementations use). */
  hidden?: readonly number[];
  activation?: Activation;
  /** Adam step size (default 3e-4). */
  learningRate?: number;
  penalty?: LipschitzPenalty | null;
  seed: number;
}

/** What one update measured. */
export interface DiscriminatorUpdate {
  /** Binary cross-entropy: mean softplus(−s) over expert rows + mean softplus(s) over policy rows. */
  classificationLoss: number;
  /** λ·E[(‖∇‖ − k)²] (0 without a penalty). */
  penalty: number;
  /** Mean ‖∇ₓ‖ at the penalty's points (NaN without a penalty). */
  gradientNorm: number;
  /** Fraction of expert rows with D > ½ and of policy rows with D < ½. */
  accuracy: number;
}

/**
 * A GAIL discriminator D(x) = σ(s(x)) over state–action features, expert = 1, policy = 0, with an
 * optional Lipschitz (gradient) penalty on its updates (Blondé, Strasser & Kalousis 2020):
 * L_D = −E_E[log D] − E_π[log(1 − D)] + λ·E_x̂[(‖∇ₓ D(x̂)‖ − k)²].
 *
 * @example
 * const discriminator = new Discriminator({ inputs: 6, seed: 1, penalty: { coefficient: 10 } });
 * discriminator.update({ expert, policy, rows: 64 });
 * const rewards = adversarialRewards(discriminator.logits(batch, 64), "minimax");
 */
export class Discriminator {
  readonly network: DenseMlp;
  readonly penalty: LipschitzPenalty | null;
  private readonly optimizer: TensorAdam;
  private readonly random: Random;

  constructor(options: DiscriminatorOptions) {
    this.random = seededRandom(options.seed);
    this.network = new DenseMlp({
      sizes: [options.inputs, ...(options.hidden ?? [64, 64]), 1],
      activation: options.activation ?? "tanh",
      random: this.random,
    });
    this.optimizer = tensorAdam(this.network.parameters, { learningRate: options.learningRate ?? 3e-4 });
    this.penalty = options.penalty ?? null;
  }

  /** s(x) per row. */
  logits(inputs: Float64Array, rows: number): Float64Array {
    return Float64Array.from(this.network.forward(inputs, rows));
  }

  /** One Adam step on a batch of expert rows and as many policy rows (`rows × inputs` each). */
  update(batch: { expert: Float64Array; policy: Float64Array; rows: number }): DiscriminatorUpdate {
    const { rows } = batch;
    const inputs = this.network.inputSize;
    const both = new Float64Array(2 * rows * inputs);
    both.set(batch.expert, 0);
    both.set(batch.policy, rows * inputs);
    const pass = this.network.forwardPass(both, 2 * rows);
    const logits = pass.activations.at(-1) as Float64Array;
    const outputGradient = new Float64Array(2 * rows);
    let classificationLoss = 0;
    let correct = 0;
    for (let row = 0; row < 2 * rows; row++) {
      const logit = logits[row] as number;
      const expert = row < rows;
      // d/ds of softplus(−s) is σ(s) − 1; of softplus(s), σ(s).
      outputGradient[row] = (sigmoid(logit) - (expert ? 1 : 0)) / rows;
      classificationLoss += softplus(expert ? -logit : logit) / rows;
      if (expert === logit > 0) correct++;
    }
    this.network.backward(pass, outputGradient);
    let penalty = 0;
    let gradientNorm = Number.NaN;
    if (this.penalty) {
      const points = penaltyPoints({
        kind: this.penalty.points ?? "interpolated",
        expert: batch.expert,
        policy: batch.policy,
        rows,
        columns: inputs,
        random: this.random,
      });
      const result = gradientPenalty({
        network: this.network,
        points,
        rows,
        ...(this.penalty.coefficient === undefined ? {} : { coefficient: this.penalty.coefficient }),
        ...(this.penalty.target === undefined ? {} : { target: this.penalty.target }),
        ...(this.penalty.on === undefined ? {} : { on: this.penalty.on }),
        ...(this.penalty.oneSided === undefined ? {} : { oneSided: this.penalty.oneSided }),
      });
      penalty = result.penalty;
      gradientNorm = result.gradientNorms.reduce((total, norm) => total + norm, 0) / rows;
    }
    this.optimizer.step();
    return { classificationLoss, penalty, gradientNorm, accuracy: correct / (2 * rows) };
  }

  /** ‖∇ₓ s(x)‖ per row (the logit's local Lipschitz constant), nothing learned. */
  logitGradientNorms(inputs: Float64Array, rows: number): Float64Array {
    return gradientPenalty({ network: this.network, points: inputs, rows, on: "logit", accumulate: false })
      .gradientNorms;
  }
}
