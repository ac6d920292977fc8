/**
 * Value heads of the `meta-representation` experiment (reconstructed). A latent-conditioned policy
 * has one head per value of a categorical latent (one mode per strategy, after Meta Representations
 * for MARL's multi-modal latent); the single, unconditioned policy is the same model with one head.
 * Each head keeps the sample-mean payoff of each action at each trained population size, and reads an
 * untrained size by linear interpolation between the nearest trained sizes (our stand-in for the
 * paper's size-invariant networks).
 */
export interface LatentHeads {
  heads: number;
  actions: number;
  /** Trained population sizes, ascending. */
  sizes: readonly number[];
  /** [head][size index][action] → sum of payoffs and visit counts. */
  sums: number[][][];
  counts: number[][][];
}

export function createLatentHeads(input: {
  heads: number;
  actions: number;
  sizes: readonly number[];
}): LatentHeads {
  const sizes = [...input.sizes].sort((a, b) => a - b);
  const table = () =>
    Array.from({ length: input.heads }, () => sizes.map(() => new Array<number>(input.actions).fill(0)));
  return { heads: input.heads, actions: input.actions, sizes, sums: table(), counts: table() };
}

/** Records one payoff of `action` under head `head` at a trained size. */
export function recordPayoff(
  model: LatentHeads,
  at: { head: number; size: number; action: number; payoff: number },
): void {
  const index = model.sizes.indexOf(at.size);
  if (index < 0) throw new RangeError(`size ${at.size} is not a trained population size`);
  const sums = model.sums[at.head]?.[index];
  const counts = model.counts[at.head]?.[index];
  if (!sums || !counts) throw new RangeError(`no head ${at.head}`);
  sums[at.action] = (sums[at.action] as number) + at.payoff;
  counts[at.action] = (counts[at.action] as number) + 1;
}

/** A head's value of every action at any size in the trained range (interpolated between trained sizes). */
export function headValues(model: LatentHeads, head: number, size: number): number[] {
  const sizes = model.sizes;
  const clamped = Math.min(Math.max(size, sizes[0] as number), sizes[sizes.length - 1] as number);
  const upper = sizes.findIndex((trained) => trained >= clamped);
  const lower = sizes[upper] === clamped ? upper : upper - 1;
  const span = (sizes[upper] as number) - (sizes[lower] as number);
  const weight = span === 0 ? 0 : (clamped - (sizes[lower] as number)) / span;
  const at = (index: number, action: number) => {
    const count = model.counts[head]?.[index]?.[action] ?? 0;
    return count === 0 ? 0 : (model.sums[head]?.[index]?.[action] as number) / count;
  };
  return Array.from(
    { length: model.actions },
    (_, action) => (1 - weight) * at(lower, action) + weight * at(upper, action),
  );
}

/** The action with the highest value under a belief over heads (weights sum to 1); ties → lowest index. */
export function greedyAction(model: LatentHeads, size: number, belief: readonly number[]): number {
  const mixed = new Array<number>(model.actions).fill(0);
  belief.forEach((weight, head) => {
    if (weight === 0) return;
    headValues(model, head, size).forEach((value, action) => {
      mixed[action] = (mixed[action] as number) + weight * value;
    });
  });
  return mixed.reduce((best, value, action) => (value > (mixed[best] as number) ? action : best), 0);
}
