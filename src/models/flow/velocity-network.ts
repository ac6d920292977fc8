import type { Random } from "../random.js";

/** Inputs the network sees besides the point: t and Fourier features of t. */
const timeFeatureCount = 5;
const inputs = 2 + timeFeatureCount;

function timeFeatures(t: number, out: Float64Array, offset: number): void {
  out[offset] = t;
  out[offset + 1] = Math.sin(2 * Math.PI * t);
  out[offset + 2] = Math.cos(2 * Math.PI * t);
  out[offset + 3] = Math.sin(4 * Math.PI * t);
  out[offset + 4] = Math.cos(4 * Math.PI * t);
}

const relu = (value: number) => Math.max(value, 0);
const reluSlope = (value: number) => (value > 0 ? 1 : 0);

/** What `forward` keeps for `backward`: each layer's input and pre-activation, batch-major. */
export interface VelocityCache {
  rows: number;
  activations: Float64Array[];
  preActivations: Float64Array[];
}

/**
 * A tiny velocity field v_θ(x, t) for 2-D flow matching: an MLP over [x, t, sin/cos(2πkt)] with
 * ReLU hidden layers and a linear output, weights in one flat vector (so an optimizer, a copy for a
 * frozen reference, or a file can hold them). Forward and backward are written out by hand: the
 * lab trains it thousands of steps in a few seconds.
 */
export class VelocityNetwork {
  readonly parameters: Float64Array;
  readonly sizes: readonly number[];
  private readonly offsets: { weights: number; bias: number }[];

  constructor(options: { hidden: number; layers?: number; random?: Random; parameters?: Float64Array }) {
    const layers = options.layers ?? 2;
    this.sizes = [inputs, ...Array.from({ length: layers }, () => options.hidden), 2];
    this.offsets = [];
    let total = 0;
    for (let layer = 0; layer + 1 < this.sizes.length; layer++) {
      const fanIn = this.sizes[layer] as number;
      const fanOut = this.sizes[layer + 1] as number;
      this.offsets.push({ weights: total, bias: total + fanIn * fanOut });
      total += fanIn * fanOut + fanOut;
    }
    if (options.parameters) {
      if (options.parameters.length !== total) {
        throw new RangeError(
          `VelocityNetwork: expected ${total} parameters, got ${options.parameters.length}`,
        );
      }
      this.parameters = options.parameters;
      return;
    }
    this.parameters = new Float64Array(total);
    const random = options.random;
    if (!random) throw new RangeError("VelocityNetwork: give `random` (initialization) or `parameters`");
    for (let layer = 0; layer + 1 < this.sizes.length; layer++) {
      const fanIn = this.sizes[layer] as number;
      const fanOut = this.sizes[layer + 1] as number;
      // He initialization for ReLU layers; the output layer starts small.
      const scale = layer + 2 === this.sizes.length ? 0.1 / Math.sqrt(fanIn) : Math.sqrt(2 / fanIn);
      const { weights } = this.offsets[layer] as { weights: number };
      for (let index = 0; index < fanIn * fanOut; index++)
        this.parameters[weights + index] = scale * random.normal();
    }
  }

  /** A network sharing nothing with this one (a frozen reference, a fine-tuning start). */
  clone(): VelocityNetwork {
    return new VelocityNetwork({
      hidden: this.sizes[1] as number,
      layers: this.sizes.length - 2,
      parameters: this.parameters.slice(),
    });
  }

  /** v_θ at `rows` points (x flat, 2 per row) and times; with `keep`, also what `backward` needs. */
  forward(
    points: ArrayLike<number>,
    times: ArrayLike<number>,
    keep = false,
  ): { velocity: Float64Array; cache?: VelocityCache } {
    const rows = times.length;
    let current = new Float64Array(rows * inputs);
    for (let row = 0; row < rows; row++) {
      current[row * inputs] = points[2 * row] as number;
      current[row * inputs + 1] = points[2 * row + 1] as number;
      timeFeatures(times[row] as number, current, row * inputs + 2);
    }
    const activations: Float64Array[] = [];
    const preActivations: Float64Array[] = [];
    const parameters = this.parameters;
    for (let layer = 0; layer + 1 < this.sizes.length; layer++) {
      const fanIn = this.sizes[layer] as number;
      const fanOut = this.sizes[layer + 1] as number;
      const { weights, bias } = this.offsets[layer] as { weights: number; bias: number };
      const last = layer + 2 === this.sizes.length;
      const out = new Float64Array(rows * fanOut);
      const activated = last ? out : new Float64Array(rows * fanOut);
      // Weights are unit-major ([fanOut][fanIn]): each output is one contiguous dot product.
      for (let row = 0; row < rows; row++) {
        const inBase = row * fanIn;
        const outBase = row * fanOut;
        for (let unit = 0; unit < fanOut; unit++) {
          const weightBase = weights + unit * fanIn;
          let total = parameters[bias + unit] as number;
          for (let input = 0; input < fanIn; input++) {
            total += (current[inBase + input] as number) * (parameters[weightBase + input] as number);
          }
          out[outBase + unit] = total;
          if (!last) activated[outBase + unit] = relu(total);
        }
      }
      if (keep) {
        activations.push(current);
        if (!last) preActivations.push(out);
      }
      current = activated;
    }
    return keep ? { velocity: current, cache: { rows, activations, preActivations } } : { velocity: current };
  }

  /** Adds dL/dθ to `gradient` given dL/dv at the cached rows (`outputGradient`, 2 per row). */
  backward(cache: VelocityCache, outputGradient: ArrayLike<number>, gradient: Float64Array): void {
    let upstream = Float64Array.from(outputGradient);
    const parameters = this.parameters;
    for (let layer = this.sizes.length - 2; layer >= 0; layer--) {
      const fanIn = this.sizes[layer] as number;
      const fanOut = this.sizes[layer + 1] as number;
      const { weights, bias } = this.offsets[layer] as { weights: number; bias: number };
      const input = cache.activations[layer] as Float64Array;
      const downstream = layer > 0 ? new Float64Array(cache.rows * fanIn) : undefined;
      for (let row = 0; row < cache.rows; row++) {
        const inBase = row * fanIn;
        const outBase = row * fanOut;
        for (let unit = 0; unit < fanOut; unit++) {
          const delta = upstream[outBase + unit] as number;
          if (delta === 0) continue;
          gradient[bias + unit] = (gradient[bias + unit] as number) + delta;
          const weightBase = weights + unit * fanIn;
          for (let from = 0; from < fanIn; from++) {
            gradient[weightBase + from] =
              (gradient[weightBase + from] as number) + delta * (input[inBase + from] as number);
            if (downstream) {
              downstream[inBase + from] =
                (downstream[inBase + from] as number) + delta * (parameters[weightBase + from] as number);
            }
          }
        }
      }
      if (downstream) {
        const pre = cache.preActivations[layer - 1] as Float64Array;
        for (let index = 0; index < downstream.length; index++) {
          downstream[index] = (downstream[index] as number) * reluSlope(pre[index] as number);
        }
        upstream = downstream;
      }
    }
  }
}
