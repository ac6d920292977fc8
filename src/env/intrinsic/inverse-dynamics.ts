import { DenseMlp } from "../../models/mlp/dense-mlp.js";
import { seededRandom } from "../../models/random.js";
import { type TensorAdam, tensorAdam } from "../../models/train/dense-adam.js";
import { softmax } from "../agents/categorical.js";

export interface InverseDynamicsOptions {
  inputs: number;
  actions: number;
  /** Width of the embedding φ (default 16). */
  embedding?: number;
  /** Hidden widths of the encoder and of the action head (default [64] each). */
  hidden?: readonly number[];
  learningRate?: number;
  seed: number;
}

/**
 * E3B's embedding (Henaff et al. 2022; e3b_noveld.py): an encoder φ trained by inverse dynamics —
 * a head predicts the action a_t from (φ(s_t), φ(s_{t+1})) with cross-entropy — so φ keeps what the
 * agent's actions change and drops what they cannot (noise, distractors). The elliptical bonus is
 * then computed on φ.
 */
export class InverseDynamicsEncoder {
  readonly encoder: DenseMlp;
  readonly head: DenseMlp;
  readonly #optimizer: TensorAdam;
  readonly #actions: number;

  constructor(options: InverseDynamicsOptions) {
    const random = seededRandom(options.seed);
    const hidden = options.hidden ?? [64];
    const embedding = options.embedding ?? 16;
    this.#actions = options.actions;
    this.encoder = new DenseMlp({
      sizes: [options.inputs, ...hidden, embedding],
      activation: "relu",
      random,
    });
    this.head = new DenseMlp({
      sizes: [2 * embedding, ...hidden, options.actions],
      activation: "relu",
      random,
    });
    this.#optimizer = tensorAdam([...this.encoder.parameters, ...this.head.parameters], {
      learningRate: options.learningRate ?? 1e-3,
    });
  }

  get dimension(): number {
    return this.encoder.outputSize;
  }

  /** φ of each row of `features`. */
  embed(features: Float64Array, rows = 1): Float64Array {
    return this.encoder.forward(features, rows);
  }

  /**
   * One Adam step on the inverse-dynamics cross-entropy over a batch of transitions (`before` and
   * `after` are `rows × inputs`); returns the mean loss before the step.
   */
  train(batch: {
    before: Float64Array;
    after: Float64Array;
    actions: ArrayLike<number>;
    rows: number;
  }): number {
    const { rows } = batch;
    const width = this.dimension;
    const first = this.encoder.forwardPass(batch.before, rows);
    const second = this.encoder.forwardPass(batch.after, rows);
    const phiBefore = first.activations.at(-1) as Float64Array;
    const phiAfter = second.activations.at(-1) as Float64Array;
    const joined = new Float64Array(rows * 2 * width);
    for (let row = 0; row < rows; row++) {
      joined.set(phiBefore.subarray(row * width, (row + 1) * width), row * 2 * width);
      joined.set(phiAfter.subarray(row * width, (row + 1) * width), row * 2 * width + width);
    }
    const headPass = this.head.forwardPass(joined, rows);
    const logits = headPass.activations.at(-1) as Float64Array;
    const actions = this.#actions;
    const gradient = new Float64Array(logits.length);
    let loss = 0;
    for (let row = 0; row < rows; row++) {
      const probabilities = softmax(logits.subarray(row * actions, (row + 1) * actions));
      const taken = batch.actions[row] as number;
      loss -= Math.log(Math.max(1e-12, probabilities[taken] as number));
      for (let action = 0; action < actions; action++)
        gradient[row * actions + action] =
          ((probabilities[action] as number) - (action === taken ? 1 : 0)) / rows;
    }
    const joinedGradient = this.head.backwardInput(headPass, gradient);
    const gradientBefore = new Float64Array(rows * width);
    const gradientAfter = new Float64Array(rows * width);
    for (let row = 0; row < rows; row++) {
      gradientBefore.set(joinedGradient.subarray(row * 2 * width, row * 2 * width + width), row * width);
      gradientAfter.set(joinedGradient.subarray(row * 2 * width + width, (row + 1) * 2 * width), row * width);
    }
    this.encoder.backward(first, gradientBefore);
    this.encoder.backward(second, gradientAfter);
    this.#optimizer.step();
    return loss / rows;
  }
}
