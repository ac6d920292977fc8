import type { Random } from "../../models/random.js";

/** The index of the largest value, the lowest on ties (the greedy policy, no randomness). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let index = 1; index < values.length; index++)
    if ((values[index] as number) > (values[best] as number)) best = index;
  return best;
}

/** The indices of the largest value. */
export function maximizers(values: ArrayLike<number>): number[] {
  let largest = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < values.length; index++) largest = Math.max(largest, values[index] as number);
  const out: number[] = [];
  for (let index = 0; index < values.length; index++) if (values[index] === largest) out.push(index);
  return out;
}

/**
 * ε-greedy's probabilities (Sutton & Barto §2.2, 5.4): ε spread evenly over all actions, 1 − ε
 * spread over the maximizers (ties broken uniformly at random).
 */
export function epsilonGreedyProbabilities(values: ArrayLike<number>, epsilon: number): Float64Array {
  const out = new Float64Array(values.length).fill(epsilon / values.length);
  const best = maximizers(values);
  for (const index of best) out[index] = (out[index] as number) + (1 - epsilon) / best.length;
  return out;
}

/** A draw from ε-greedy: a uniform action with probability ε, else a maximizer chosen uniformly. */
export function epsilonGreedyAction(values: ArrayLike<number>, epsilon: number, random: Random): number {
  if (random.next() < epsilon) return random.int(values.length);
  const best = maximizers(values);
  return best.length === 1 ? (best[0] as number) : (best[random.int(best.length)] as number);
}

/** A one-hot distribution on `action`. */
export function oneHot(size: number, action: number): Float64Array {
  const out = new Float64Array(size);
  out[action] = 1;
  return out;
}
