/** Sums that make a Pearson correlation mergeable across batches, steps and processes. */
export interface PairSums {
  n: number;
  x: number;
  y: number;
  xx: number;
  yy: number;
  xy: number;
}

export function emptyPairSums(): PairSums {
  return { n: 0, x: 0, y: 0, xx: 0, yy: 0, xy: 0 };
}

export function addPair(sums: PairSums, x: number, y: number): void {
  sums.n++;
  sums.x += x;
  sums.y += y;
  sums.xx += x * x;
  sums.yy += y * y;
  sums.xy += x * y;
}

export function mergePairSums(into: PairSums, other: PairSums): void {
  into.n += other.n;
  into.x += other.x;
  into.y += other.y;
  into.xx += other.xx;
  into.yy += other.yy;
  into.xy += other.xy;
}

/**
 * Pearson's r from the sums; null when it is undefined (fewer than `minPairs` pairs, or either side
 * constant) — never 0, which would read as "uncorrelated".
 */
export function pearson(sums: PairSums, minPairs = 3): number | null {
  if (sums.n < minPairs) return null;
  const covariance = sums.xy - (sums.x * sums.y) / sums.n;
  const varianceX = sums.xx - (sums.x * sums.x) / sums.n;
  const varianceY = sums.yy - (sums.y * sums.y) / sums.n;
  // Relative floors: sums of squares of equal values leave rounding dust, not variance.
  const floorX = 1e-12 * Math.max(1, sums.xx);
  const floorY = 1e-12 * Math.max(1, sums.yy);
  if (varianceX <= floorX || varianceY <= floorY) return null;
  return Math.max(-1, Math.min(1, covariance / Math.sqrt(varianceX * varianceY)));
}
