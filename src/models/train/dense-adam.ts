export interface DenseAdamOptions {
  learningRate: number;
  beta1?: number;
  beta2?: number;
  epsilon?: number;
  /** Ascend the gradient (PyTorch's `maximize=True`): the lab's policies climb their objective. */
  maximize?: boolean;
}

/**
 * Adam (Kingma & Ba 2015) over a few dense parameter blocks, with bias correction by the step count.
 * The one dense Adam of the library: VPL trains its autograd tensors with it, the lab its policies'
 * shared weights (as DPO implementations use Adam). Sparse gradients over hashed features use
 * {@link LazyAdam} instead.
 * @example
 * const weights = new Float64Array([1, -1]);
 * const adam = new DenseAdam([weights], { learningRate: 0.1 });
 * adam.step([[2, -2]]); // weights ≈ [0.9, -0.9]: Adam's first step moves each by the learning rate
 */
export class DenseAdam {
  private readonly first: Float64Array[];
  private readonly second: Float64Array[];
  private steps = 0;

  constructor(
    private readonly parameters: readonly Float64Array[],
    private readonly options: DenseAdamOptions,
  ) {
    this.first = parameters.map((block) => new Float64Array(block.length));
    this.second = parameters.map((block) => new Float64Array(block.length));
  }

  /** One update from each block's gradient (a block without one, `undefined`, is left alone). */
  step(gradients: readonly (ArrayLike<number> | undefined)[]): void {
    const beta1 = this.options.beta1 ?? 0.9;
    const beta2 = this.options.beta2 ?? 0.999;
    const epsilon = this.options.epsilon ?? 1e-8;
    const direction = this.options.maximize ? 1 : -1;
    this.steps++;
    const correction1 = 1 - beta1 ** this.steps;
    const correction2 = 1 - beta2 ** this.steps;
    this.parameters.forEach((block, which) => {
      const gradient = gradients[which];
      if (!gradient) return;
      const first = this.first[which] as Float64Array;
      const second = this.second[which] as Float64Array;
      for (let index = 0; index < block.length; index++) {
        const value = gradient[index] as number;
        first[index] = beta1 * (first[index] as number) + (1 - beta1) * value;
        second[index] = beta2 * (second[index] as number) + (1 - beta2) * value * value;
        const update =
          (first[index] as number) /
          correction1 /
          (Math.sqrt((second[index] as number) / correction2) + epsilon);
        block[index] = (block[index] as number) + direction * this.options.learningRate * update;
      }
    });
  }
}

/** A {@link DenseAdam} over autograd tensors: `step()` reads each tensor's `.grad`, then zeroes it. */
export interface TensorAdam {
  step(): void;
}

/**
 * Adam over tensors that carry their gradient (`DenseMlp` parameters, autograd tensors), for
 * training loops that accumulate `.grad` and then step: the env room's policy-gradient and DQN agents.
 * @example
 * const optimizer = tensorAdam(network.parameters, { learningRate: 3e-4 });
 * network.backward(pass, outputGradient); optimizer.step();
 */
export function tensorAdam(
  parameters: readonly { data: Float64Array; grad: Float64Array | undefined }[],
  options: DenseAdamOptions,
): TensorAdam {
  const adam = new DenseAdam(
    parameters.map((parameter) => parameter.data),
    options,
  );
  return {
    step() {
      adam.step(parameters.map((parameter) => parameter.grad));
      for (const parameter of parameters) parameter.grad?.fill(0);
    },
  };
}

/** A {@link DenseAdam} over one flat vector whose gradient the caller accumulates between steps. */
export interface AccumulatingAdam {
  readonly parameters: Float64Array;
  /** Add into this; `step()` applies it and clears it. */
  readonly gradient: Float64Array;
  step(): void;
}

/**
 * Adam over one flat parameter vector with an accumulated gradient, for hand-written backward passes
 * (flow matching, fair forests, contrastive and meta reward models). `maxGradientNorm` clips the
 * gradient's L2 norm first, as diffusion fine-tuning scripts do (`clip_grad_norm_`).
 * @example
 * const adam = accumulatingAdam(weights, { learningRate: 1e-3, maxGradientNorm: 1 });
 * adam.gradient[0] += 2; adam.step();
 */
export function accumulatingAdam(
  parameters: Float64Array,
  options: DenseAdamOptions & { maxGradientNorm?: number },
): AccumulatingAdam {
  const adam = new DenseAdam([parameters], options);
  const gradient = new Float64Array(parameters.length);
  return {
    parameters,
    gradient,
    step() {
      if (options.maxGradientNorm !== undefined) {
        let squared = 0;
        for (const value of gradient) squared += value * value;
        const norm = Math.sqrt(squared);
        if (norm > options.maxGradientNorm) {
          const scale = options.maxGradientNorm / norm;
          for (let index = 0; index < gradient.length; index++)
            gradient[index] = (gradient[index] as number) * scale;
        }
      }
      adam.step([gradient]);
      gradient.fill(0);
    },
  };
}
