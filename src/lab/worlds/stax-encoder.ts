import { stackRows } from "../../env/agents/encoding.js";
import { DenseMlp, seededRandom, type TensorAdam, tensorAdam } from "../../models/index.js";

/**
 * STAX's learnt behaviour space (Paolo et al. 2020 "Unsupervised learning and exploration of
 * reachable outcome space"; reconstructed at this scale, no public code used): an autoencoder on the
 * final sensor readings, trained online on the outcomes the search has produced; the behaviour
 * descriptor is its latent code, so novelty is measured in a space nobody designed.
 */
export class StaxEncoder {
  readonly encoder: DenseMlp;
  readonly decoder: DenseMlp;
  readonly #optimizer: TensorAdam;
  readonly inputs: number;

  constructor(options: {
    inputs: number;
    hidden: number;
    latent: number;
    learningRate: number;
    seed: number;
  }) {
    const random = seededRandom(options.seed);
    this.inputs = options.inputs;
    this.encoder = new DenseMlp({
      sizes: [options.inputs, options.hidden, options.latent],
      activation: "tanh",
      random,
    });
    this.decoder = new DenseMlp({
      sizes: [options.latent, options.hidden, options.inputs],
      activation: "tanh",
      random,
    });
    this.#optimizer = tensorAdam([...this.encoder.parameters, ...this.decoder.parameters], {
      learningRate: options.learningRate,
    });
  }

  /** The latent code of each observation. */
  encode(observations: readonly Float64Array[]): number[][] {
    const latent = this.encoder.forward(stackRows(observations, this.inputs), observations.length);
    const width = this.encoder.outputSize;
    return observations.map((_, row) => Array.from(latent.subarray(row * width, (row + 1) * width)));
  }

  /** `steps` Adam steps on the mean squared reconstruction error; returns the last loss. */
  train(observations: readonly Float64Array[], steps: number): number {
    const rows = observations.length;
    const input = stackRows(observations, this.inputs);
    let loss = 0;
    for (let step = 0; step < steps; step++) {
      const encoded = this.encoder.forwardPass(input, rows);
      const decoded = this.decoder.forwardPass(encoded.activations.at(-1) as Float64Array, rows);
      const output = decoded.activations.at(-1) as Float64Array;
      const gradient = new Float64Array(output.length);
      loss = 0;
      for (let index = 0; index < output.length; index++) {
        const difference = (output[index] as number) - (input[index] as number);
        loss += difference * difference;
        gradient[index] = (2 * difference) / output.length;
      }
      loss /= output.length;
      this.encoder.backward(encoded, this.decoder.backwardInput(decoded, gradient));
      this.#optimizer.step();
    }
    return loss;
  }
}
