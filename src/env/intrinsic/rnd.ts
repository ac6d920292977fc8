import { DenseMlp } from "../../models/mlp/dense-mlp.js";
import { seededRandom } from "../../models/random.js";
import { type TensorAdam, tensorAdam } from "../../models/train/dense-adam.js";

export interface RandomNetworkDistillationOptions {
  /** Length of the feature vectors. */
  inputs: number;
  /** Hidden widths of both networks (default [64]). */
  hidden?: readonly number[];
  /** Width of the random embedding (default 16). */
  outputs?: number;
  /** The predictor's Adam step size (default 1e-3). */
  learningRate?: number;
  seed: number;
}

/**
 * Random network distillation (Burda et al. 2019), the global bonus of e3b's rnd.py: a fixed random
 * `target` network and a `predictor` trained to imitate it on every state seen; the novelty of a
 * state is the prediction error ‖f_pred(s) − f_target(s)‖₂, which shrinks where the agent has
 * often been during all of training (never reset between episodes).
 */
export class RandomNetworkDistillation {
  readonly target: DenseMlp;
  readonly predictor: DenseMlp;
  readonly #optimizer: TensorAdam;

  constructor(options: RandomNetworkDistillationOptions) {
    const random = seededRandom(options.seed);
    const sizes = [options.inputs, ...(options.hidden ?? [64]), options.outputs ?? 16];
    this.target = new DenseMlp({
      sizes,
      activation: "relu",
      random,
      initialization: { kind: "orthogonal", gain: Math.SQRT2 },
    });
    this.predictor = new DenseMlp({ sizes, activation: "relu", random });
    this.#optimizer = tensorAdam(this.predictor.parameters, { learningRate: options.learningRate ?? 1e-3 });
  }

  /** The novelty ‖f_pred(s) − f_target(s)‖₂ of each row of `features` (`rows × inputs`). */
  novelty(features: Float64Array, rows = 1): Float64Array {
    const predicted = this.predictor.forward(features, rows);
    const target = this.target.forward(features, rows);
    const width = this.target.outputSize;
    const out = new Float64Array(rows);
    for (let row = 0; row < rows; row++) {
      let sum = 0;
      for (let column = 0; column < width; column++) {
        const difference =
          (predicted[row * width + column] as number) - (target[row * width + column] as number);
        sum += difference * difference;
      }
      out[row] = Math.sqrt(sum);
    }
    return out;
  }

  /** One Adam step on the mean squared prediction error over `rows` states; returns the loss before it. */
  train(features: Float64Array, rows: number): number {
    const target = this.target.forward(features, rows);
    const pass = this.predictor.forwardPass(features, rows);
    const predicted = pass.activations.at(-1) as Float64Array;
    const gradient = new Float64Array(predicted.length);
    let loss = 0;
    for (let index = 0; index < predicted.length; index++) {
      const difference = (predicted[index] as number) - (target[index] as number);
      loss += difference * difference;
      gradient[index] = (2 * difference) / predicted.length;
    }
    this.predictor.backward(pass, gradient);
    this.#optimizer.step();
    return loss / predicted.length;
  }
}
