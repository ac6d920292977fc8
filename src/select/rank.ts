/**
 * Choosing among one prompt's scored candidates (RAFT, rlhf.md §17; best-of-n): the indices kept,
 * in input order. Ties go to the earlier candidate, so a selection is the same however it is run.
 */

/** Indices ordered by score, highest first; equal scores keep their input order. */
export function rankByScore(scores: readonly number[]): number[] {
  return scores
    .map((_, index) => index)
    .sort((a, b) => (scores[b] as number) - (scores[a] as number) || a - b);
}

/**
 * The best candidate (best-of-n; RAFT's local selection with k = 1).
 * @example bestIndex([0.1, 0.9, 0.3, 0.5]) // 1 (rlhf.md §17's worked example)
 */
export function bestIndex(scores: readonly number[]): number {
  if (scores.length === 0) throw new RangeError("best-of-n needs at least one candidate");
  return rankByScore(scores)[0] as number;
}

/** The k highest-scoring candidates, returned in input order (RAFT's local top-k). */
export function topIndices(scores: readonly number[], k: number): number[] {
  requirePositive(k, "k");
  return rankByScore(scores)
    .slice(0, k)
    .sort((a, b) => a - b);
}

/**
 * RAFT's stochastic selection (LMFlow's `_sample_index`): draw k candidates without replacement
 * with probabilities ∝ exp(score / temperature), returned in input order. A temperature near 0 is
 * top-k; a large one is uniform.
 */
export function sampledIndices(input: {
  scores: readonly number[];
  k: number;
  temperature: number;
  random: () => number;
}): number[] {
  const { scores, temperature, random } = input;
  requirePositive(input.k, "k");
  if (!(temperature > 0)) throw new RangeError(`temperature must be > 0, got ${temperature}`);
  const remaining = scores.map((_, index) => index);
  const kept: number[] = [];
  while (kept.length < input.k && remaining.length > 0) {
    // Relative to the best remaining score, so a small temperature cannot underflow every weight.
    const max = Math.max(...remaining.map((index) => scores[index] as number));
    const weights = remaining.map((index) => Math.exp(((scores[index] as number) - max) / temperature));
    let target = random() * weights.reduce((sum, weight) => sum + weight, 0);
    let at = remaining.length - 1;
    for (let position = 0; position < weights.length; position++) {
      target -= weights[position] as number;
      if (target < 0) {
        at = position;
        break;
      }
    }
    kept.push(remaining[at] as number);
    remaining.splice(at, 1);
  }
  return kept.sort((a, b) => a - b);
}

/**
 * RAFT's global selection: rank every (prompt, candidate) pair of a batch and keep the `keep` best,
 * returned as [prompt, candidate] pairs in input order.
 * @example globalTopIndices([[0.1, 0.9, 0.3, 0.5], [0.8, 0.7, 0.2, 0.0]], 2) // [[0, 1], [1, 0]]
 */
export function globalTopIndices(groups: readonly (readonly number[])[], keep: number): [number, number][] {
  requirePositive(keep, "keep");
  const flat: { group: number; index: number; score: number }[] = [];
  groups.forEach((scores, group) => {
    scores.forEach((score, index) => {
      flat.push({ group, index, score });
    });
  });
  const order = flat
    .map((_, at) => at)
    .sort((a, b) => (flat[b]?.score as number) - (flat[a]?.score as number) || a - b);
  return order
    .slice(0, keep)
    .sort((a, b) => a - b)
    .map((at) => [flat[at]?.group as number, flat[at]?.index as number]);
}

function requirePositive(value: number, name: string): void {
  if (!Number.isInteger(value) || value < 1)
    throw new RangeError(`${name} must be an integer ≥ 1, got ${value}`);
}
