import { sigmoid } from "../../core/index.js";
/**
 * What a query-selection strategy knows about each unlabelled comparison (a, b), all computed
 * without its label: the current reward model's uncertainty, the ensemble's disagreement, how
 * typical the comparison is of the pool, and how unlike the comparisons already labelled.
 */
export const queryFeatureNames = ["uncertainty", "disagreement", "density", "novelty"] as const;
export type QueryFeatureName = (typeof queryFeatureNames)[number];

/** p(1 − p)·4 of the model's preference probability p = σ(Δ): 1 at Δ = 0, → 0 when sure. */
export function uncertaintyScores(deltas: ArrayLike<number>): Float64Array {
  return Float64Array.from(deltas, (delta) => {
    const p = sigmoid(delta);
    return 4 * p * (1 - p);
  });
}

/**
 * Query by committee: the population std of Δ over ensemble members (`memberDeltas[m][i]`), or the
 * vote entropy of their signs.
 */
export function disagreementScores(
  memberDeltas: readonly ArrayLike<number>[],
  measure: "std" | "vote_entropy" = "std",
): Float64Array {
  const size = memberDeltas[0]?.length ?? 0;
  const members = memberDeltas.length;
  return Float64Array.from({ length: size }, (_, index) => {
    if (measure === "vote_entropy") {
      const share = memberDeltas.filter((deltas) => (deltas[index] as number) > 0).length / members;
      return share === 0 || share === 1
        ? 0
        : -(share * Math.log2(share) + (1 - share) * Math.log2(1 - share));
    }
    const mean = memberDeltas.reduce((sum, deltas) => sum + (deltas[index] as number), 0) / members;
    return Math.sqrt(
      memberDeltas.reduce((sum, deltas) => sum + ((deltas[index] as number) - mean) ** 2, 0) / members,
    );
  });
}

/** Squared distance between two dense vectors. */
function squaredDistance(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let total = 0;
  for (let index = 0; index < a.length; index++) total += ((a[index] as number) - (b[index] as number)) ** 2;
  return total;
}

/**
 * Representativeness of each comparison's difference vector (x_a − x_b, sign-folded so (a, b) and
 * (b, a) are alike): its mean RBF similarity to `sample` other comparisons (bandwidth: the median
 * squared distance). Computed once per pool.
 */
export function densityScores(
  differences: readonly Float64Array[],
  options: { sample?: number; seed?: () => number } = {},
): Float64Array {
  const folded = differences.map((vector) => {
    const first = vector.find((value) => value !== 0) ?? 0;
    return first < 0 ? vector.map((value) => -value) : vector;
  });
  const count = Math.min(folded.length, options.sample ?? 400);
  const next = options.seed ?? Math.random;
  const probes = Array.from(
    { length: count },
    () => folded[Math.floor(next() * folded.length)] as Float64Array,
  );
  const distances: number[] = [];
  for (let at = 0; at + 1 < probes.length && distances.length < 2000; at += 2) {
    distances.push(squaredDistance(probes[at] as Float64Array, probes[at + 1] as Float64Array));
  }
  distances.sort((a, b) => a - b);
  const bandwidth = Math.max(1e-12, distances[Math.floor(distances.length / 2)] ?? 1);
  return Float64Array.from(folded, (vector) => {
    let total = 0;
    for (const probe of probes) total += Math.exp(-squaredDistance(vector, probe) / bandwidth);
    return total / probes.length;
  });
}

/** Distance of each candidate's difference vector to the nearest labelled one (either sign). */
export function noveltyScores(
  candidates: readonly Float64Array[],
  labelled: readonly Float64Array[],
): Float64Array {
  return Float64Array.from(candidates, (vector) => {
    let best = Number.POSITIVE_INFINITY;
    for (const other of labelled) {
      let same = 0;
      let flipped = 0;
      for (let index = 0; index < vector.length; index++) {
        const value = vector[index] as number;
        const against = other[index] as number;
        same += (value - against) ** 2;
        flipped += (value + against) ** 2;
      }
      best = Math.min(best, same, flipped);
    }
    return Number.isFinite(best) ? Math.sqrt(best) : 0;
  });
}

/** Each feature column z-scored over the candidates (constant columns become 0). */
export function standardizeColumns(columns: readonly ArrayLike<number>[]): Float64Array[] {
  return columns.map((column) => {
    const values = Float64Array.from(column);
    const mean = values.reduce((sum, value) => sum + value, 0) / Math.max(1, values.length);
    const std = Math.sqrt(
      values.reduce((sum, value) => sum + (value - mean) ** 2, 0) / Math.max(1, values.length),
    );
    return std > 1e-12 ? values.map((value) => (value - mean) / std) : values.fill(0);
  });
}
