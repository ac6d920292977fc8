import type { Tensor } from "../autograd/tensor.js";

/**
 * Scales every parameter's gradient so their joint L2 norm is at most `maxNorm`
 * (torch.nn.utils.clip_grad_norm_, as PPO implementations clip before each step). Returns the norm
 * before clipping.
 */
export function clipGradientNorm(parameters: readonly Tensor[], maxNorm: number): number {
  let squares = 0;
  for (const parameter of parameters) for (const value of parameter.grad ?? []) squares += value * value;
  const norm = Math.sqrt(squares);
  // torch adds 1e-6 to the norm in the same place.
  const factor = maxNorm / (norm + 1e-6);
  if (factor < 1) {
    for (const parameter of parameters) {
      const grad = parameter.grad;
      if (!grad) continue;
      for (let index = 0; index < grad.length; index++) grad[index] = (grad[index] as number) * factor;
    }
  }
  return norm;
}
