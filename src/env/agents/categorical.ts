import type { Random } from "../../models/random.js";

/** Softmax of `logits[offset … offset + size)` (max-subtracted for stability). */
export function softmax(logits: Float64Array, offset = 0, size = logits.length - offset): Float64Array {
  let largest = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < size; index++) largest = Math.max(largest, logits[offset + index] as number);
  const out = new Float64Array(size);
  let sum = 0;
  for (let index = 0; index < size; index++) {
    const value = Math.exp((logits[offset + index] as number) - largest);
    out[index] = value;
    sum += value;
  }
  for (let index = 0; index < size; index++) out[index] = (out[index] as number) / sum;
  return out;
}

/** A draw from a categorical distribution by inversion. */
export function sampleCategorical(probabilities: ArrayLike<number>, random: Random): number {
  const draw = random.next();
  let cumulative = 0;
  for (let index = 0; index < probabilities.length; index++) {
    cumulative += probabilities[index] as number;
    if (draw < cumulative) return index;
  }
  return probabilities.length - 1;
}

/** H(π) = −Σ π log π (0 log 0 = 0). */
export function entropy(probabilities: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < probabilities.length; index++) {
    const p = probabilities[index] as number;
    if (p > 0) total -= p * Math.log(p);
  }
  return total;
}

/**
 * Adds to `gradient` (over the logits) the gradient of
 * `−weight · log π(action) − entropyWeight · H(π)` for π = softmax(logits):
 * ∂(−log π_a)/∂z_j = π_j − [j = a], ∂H/∂z_j = −π_j (log π_j + H).
 */
export function addPolicyGradient(options: {
  gradient: Float64Array;
  offset: number;
  probabilities: Float64Array;
  action: number;
  weight: number;
  entropyWeight: number;
}): void {
  const { gradient, offset, probabilities, action, weight, entropyWeight } = options;
  const h = entropyWeight === 0 ? 0 : entropy(probabilities);
  for (let index = 0; index < probabilities.length; index++) {
    const p = probabilities[index] as number;
    let value = weight * (p - (index === action ? 1 : 0));
    if (entropyWeight !== 0 && p > 0) value += entropyWeight * p * (Math.log(p) + h);
    gradient[offset + index] = (gradient[offset + index] as number) + value;
  }
}
