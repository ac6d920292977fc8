import { Tensor } from "../autograd/tensor.js";
import type { Random } from "../random.js";
import { denseBackward, denseForward } from "./dense-kernels.js";
import { initializeLayer, type LayerInitialization } from "./initialize.js";

export type Activation = "tanh" | "relu";

/** The activations of one forward pass, kept for `backward`. */
export interface MlpPass {
  readonly rows: number;
  /** The input, then each layer's output (after its activation; the last layer is linear). */
  readonly activations: readonly Float64Array[];
}

/**
 * A small fully connected network with hand-written backprop: `sizes = [in, hidden…, out]`, an
 * activation after every hidden layer, a linear output. Batches are row-major `rows × in` arrays.
 * Chosen over the autograd tape for the agents' sizes because it measured faster
 * (docs/BENCHMARKS.md, "Agents' MLP"). Its weights and biases are autograd `Tensor`s, so the
 * shared `DenseAdam` steps them and a loss written with autograd ops can still reach them.
 *
 * @example
 * ```ts
 * const net = new DenseMlp({ sizes: [4, 64, 64, 2], activation: "tanh", random: seededRandom(1) });
 * const pass = net.forwardPass(batch, 32);          // keeps activations
 * net.backward(pass, outputGradient);               // accumulates into each parameter's .grad
 * ```
 */
export class DenseMlp {
  readonly sizes: readonly number[];
  readonly activation: Activation;
  /** Per layer: weight (`out × in`, row-major, torch.nn.Linear's layout) and bias (`1 × out`). */
  readonly layers: readonly { weight: Tensor; bias: Tensor }[];

  constructor(options: {
    sizes: readonly number[];
    activation: Activation;
    random: Random;
    /** Per layer, or one for all (default: torch.nn.Linear's uniform). */
    initialization?: LayerInitialization | readonly LayerInitialization[];
  }) {
    if (options.sizes.length < 2 || options.sizes.some((size) => !Number.isInteger(size) || size < 1))
      throw new RangeError(
        `an MLP needs at least two positive integer sizes, got [${options.sizes.join(", ")}]`,
      );
    this.sizes = [...options.sizes];
    this.activation = options.activation;
    const layers: { weight: Tensor; bias: Tensor }[] = [];
    for (let layer = 0; layer + 1 < this.sizes.length; layer++) {
      const inputs = this.sizes[layer] as number;
      const outputs = this.sizes[layer + 1] as number;
      const weight = new Tensor(new Float64Array(inputs * outputs), outputs, inputs, { isParameter: true });
      const bias = new Tensor(new Float64Array(outputs), 1, outputs, { isParameter: true });
      const chosen = options.initialization;
      const initialization = Array.isArray(chosen)
        ? (chosen[layer] as LayerInitialization)
        : ((chosen as LayerInitialization | undefined) ?? { kind: "uniform" });
      initializeLayer({
        weight: weight.data,
        bias: bias.data,
        inputs,
        outputs,
        initialization,
        random: options.random,
      });
      layers.push({ weight, bias });
    }
    this.layers = layers;
  }

  /** Every weight and bias, in layer order (what an optimizer steps). */
  get parameters(): Tensor[] {
    return this.layers.flatMap((layer) => [layer.weight, layer.bias]);
  }

  get inputSize(): number {
    return this.sizes[0] as number;
  }

  get outputSize(): number {
    return this.sizes[this.sizes.length - 1] as number;
  }

  /** The outputs for a batch (`rows × out`), nothing kept. */
  forward(input: Float64Array, rows: number): Float64Array {
    return this.forwardPass(input, rows).activations.at(-1) as Float64Array;
  }

  /** A forward pass that keeps every layer's output for `backward`. */
  forwardPass(input: Float64Array, rows: number): MlpPass {
    if (input.length !== rows * this.inputSize)
      throw new RangeError(`MLP input: expected ${rows} × ${this.inputSize} numbers, got ${input.length}`);
    const activations: Float64Array[] = [input];
    let current = input;
    this.layers.forEach((layer, index) => {
      const last = index === this.layers.length - 1;
      const shape = { rows, inputs: layer.weight.columns, outputs: layer.weight.rows };
      current = denseForward({ input: current, weight: layer.weight.data, bias: layer.bias.data, shape });
      if (!last) activate(current, this.activation);
      activations.push(current);
    });
    return { rows, activations };
  }

  /**
   * Back-propagates d(loss)/d(output) (`rows × out`) through the pass, adding each parameter's
   * gradient to its `.grad` (so several losses may accumulate before one optimizer step).
   */
  backward(pass: MlpPass, outputGradient: Float64Array): void {
    this.#backward(pass, outputGradient, false);
  }

  /**
   * Like `backward`, and returns d(loss)/d(input) (`rows × in`), for a network stacked on another
   * (E3B's inverse-dynamics head on its encoder).
   */
  backwardInput(pass: MlpPass, outputGradient: Float64Array): Float64Array {
    return this.#backward(pass, outputGradient, true);
  }

  #backward(pass: MlpPass, outputGradient: Float64Array, inputGradient: boolean): Float64Array {
    const { rows, activations } = pass;
    let upstream = outputGradient;
    for (let index = this.layers.length - 1; index >= 0; index--) {
      const layer = this.layers[index] as { weight: Tensor; bias: Tensor };
      const output = activations[index + 1] as Float64Array;
      const input = activations[index] as Float64Array;
      if (index < this.layers.length - 1) upstream = throughActivation(upstream, output, this.activation);
      upstream = denseBackward({
        input,
        weight: layer.weight.data,
        upstream,
        weightGradient: layer.weight.gradient(),
        biasGradient: layer.bias.gradient(),
        shape: { rows, inputs: layer.weight.columns, outputs: layer.weight.rows },
        needInputGradient: index > 0 || inputGradient,
      });
    }
    return upstream;
  }

  /** Copies another network's parameters (a DQN target network's hard update). */
  copyFrom(other: DenseMlp): void {
    this.layers.forEach((layer, index) => {
      const source = other.layers[index];
      if (!source || source.weight.data.length !== layer.weight.data.length)
        throw new RangeError("copyFrom: the networks' shapes differ");
      layer.weight.data.set(source.weight.data);
      layer.bias.data.set(source.bias.data);
    });
  }
}

function activate(values: Float64Array, activation: Activation): void {
  if (activation === "tanh")
    for (let index = 0; index < values.length; index++) values[index] = Math.tanh(values[index] as number);
  else
    for (let index = 0; index < values.length; index++) if ((values[index] as number) < 0) values[index] = 0;
}

/** d(loss)/d(pre-activation) from d(loss)/d(output), using the output (tanh' = 1 − y², relu' = [y > 0]). */
function throughActivation(
  upstream: Float64Array,
  output: Float64Array,
  activation: Activation,
): Float64Array {
  const out = new Float64Array(upstream.length);
  if (activation === "tanh") {
    for (let index = 0; index < out.length; index++) {
      const y = output[index] as number;
      out[index] = (upstream[index] as number) * (1 - y * y);
    }
  } else {
    for (let index = 0; index < out.length; index++)
      if ((output[index] as number) > 0) out[index] = upstream[index] as number;
  }
  return out;
}
