/**
 * Adam (Kingma & Ba) for a small dense parameter vector, minimizing: `step()` moves the parameters
 * against the accumulated `gradient` (then clears it). Optional clipping of the gradient's L2 norm,
 * as diffusion fine-tuning scripts do (`clip_grad_norm_`).
 */
export class DenseAdam {
  readonly gradient: Float64Array;
  private readonly first: Float64Array;
  private readonly second: Float64Array;
  private steps = 0;

  constructor(
    readonly parameters: Float64Array,
    private readonly options: {
      learningRate: number;
      beta1?: number;
      beta2?: number;
      epsilon?: number;
      maxGradientNorm?: number;
    },
  ) {
    this.gradient = new Float64Array(parameters.length);
    this.first = new Float64Array(parameters.length);
    this.second = new Float64Array(parameters.length);
  }

  step(): void {
    const beta1 = this.options.beta1 ?? 0.9;
    const beta2 = this.options.beta2 ?? 0.999;
    const epsilon = this.options.epsilon ?? 1e-8;
    let scale = 1;
    if (this.options.maxGradientNorm !== undefined) {
      let squared = 0;
      for (const value of this.gradient) squared += value * value;
      const norm = Math.sqrt(squared);
      if (norm > this.options.maxGradientNorm) scale = this.options.maxGradientNorm / norm;
    }
    this.steps++;
    const correction1 = 1 - beta1 ** this.steps;
    const correction2 = 1 - beta2 ** this.steps;
    for (let index = 0; index < this.parameters.length; index++) {
      const value = (this.gradient[index] as number) * scale;
      this.first[index] = beta1 * (this.first[index] as number) + (1 - beta1) * value;
      this.second[index] = beta2 * (this.second[index] as number) + (1 - beta2) * value * value;
      const update =
        (this.first[index] as number) /
        correction1 /
        (Math.sqrt((this.second[index] as number) / correction2) + epsilon);
      this.parameters[index] = (this.parameters[index] as number) - this.options.learningRate * update;
    }
    this.gradient.fill(0);
  }
}
