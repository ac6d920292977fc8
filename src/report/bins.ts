import { niceStep } from "./scale.js";

export interface HistogramBin {
  /** The bin's lower edge (discrete bars: the smallest value they hold). */
  low: number;
  /** The bin's upper edge (discrete bars: the largest value they hold). */
  high: number;
  count: number;
  /** Discrete bars: the value the bar stands for (the most common one among near-equal values). */
  value?: number;
}

export interface Binned {
  /** True when every bar is one value (near-equal floats merged): draw them as categories. */
  discrete: boolean;
  bins: HistogramBin[];
}

export interface BinOptions {
  /** At most this many distinct values are drawn one bar each (default 24). */
  maxDiscrete?: number;
  /** Values closer than this share a bar (default: 1e-4 of the values' range). */
  tolerance?: number;
  /** Most bins for continuous values (default 60). */
  maxBins?: number;
}

/**
 * Bins values for a histogram. Near-equal values (closer than `tolerance`: float noise such as
 * −1.499997 and −1.49997) are one value. Few distinct values → one bar each, in order (a reward's
 * levels: 0, 0.2, 1, 1.2). Otherwise equal-width bins by the Freedman–Diaconis rule
 * (width 2·IQR·n^(−1/3), Sturges' ⌈log2 n⌉ + 1 bins when the IQR is 0), widened to a round step, with
 * edges on multiples of it so a value on an edge lands in the bin it starts.
 * @example binValues([0.1 + 0.2, 0.3, 1]) // { discrete: true, bins: [{ value: 0.3, count: 2, … }, { value: 1, count: 1, … }] }
 */
export function binValues(values: readonly number[], options: BinOptions = {}): Binned {
  const sorted = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (sorted.length === 0) return { discrete: true, bins: [] };
  const low = sorted[0] as number;
  const high = sorted[sorted.length - 1] as number;
  const tolerance = options.tolerance ?? Math.max((high - low) * 1e-4, Math.abs(high) * 1e-12, 1e-300);
  const clusters = clusterSorted(sorted, tolerance, (options.maxDiscrete ?? 24) + 1);
  if (clusters.length <= (options.maxDiscrete ?? 24)) return { discrete: true, bins: clusters };
  return { discrete: false, bins: equalWidthBins(sorted, options.maxBins ?? 60) };
}

/** Runs of sorted values within `tolerance` of the run's first value, up to `limit` runs. */
function clusterSorted(sorted: readonly number[], tolerance: number, limit: number): HistogramBin[] {
  const clusters: HistogramBin[] = [];
  let start = 0;
  while (start < sorted.length && clusters.length < limit) {
    const first = sorted[start] as number;
    let end = start;
    while (end < sorted.length && (sorted[end] as number) - first <= tolerance) end++;
    clusters.push({
      low: first,
      high: sorted[end - 1] as number,
      count: end - start,
      value: mode(sorted, start, end),
    });
    start = end;
  }
  return clusters;
}

/** The most common value of sorted[start, end) (the first of equally common ones). */
function mode(sorted: readonly number[], start: number, end: number): number {
  let best = sorted[start] as number;
  let bestCount = 0;
  let at = start;
  while (at < end) {
    let next = at;
    while (next < end && sorted[next] === sorted[at]) next++;
    if (next - at > bestCount) {
      best = sorted[at] as number;
      bestCount = next - at;
    }
    at = next;
  }
  return best;
}

function equalWidthBins(sorted: readonly number[], maxBins: number): HistogramBin[] {
  const n = sorted.length;
  const low = sorted[0] as number;
  const high = sorted[n - 1] as number;
  const iqr = quantile(sorted, 0.75) - quantile(sorted, 0.25);
  const sturges = Math.ceil(Math.log2(n)) + 1;
  const rough = iqr > 0 ? 2 * iqr * n ** (-1 / 3) : (high - low) / sturges;
  const width = roundWidth(rough, (high - low) / maxBins);
  const start = Math.floor(low / width + 1e-9) * width;
  const count = Math.max(1, Math.floor((high - start) / width + 1e-9) + 1);
  const bins: HistogramBin[] = Array.from({ length: count }, (_, index) => ({
    low: roundEdge(start + index * width, width),
    high: roundEdge(start + (index + 1) * width, width),
    count: 0,
  }));
  for (const value of sorted) {
    // A value a hair below an edge (0.30000000000000004 vs 0.3) is on it: the bin the edge starts.
    const index = Math.min(count - 1, Math.max(0, Math.floor((value - start) / width + 1e-9)));
    (bins[index] as HistogramBin).count++;
  }
  return bins;
}

/** The round width (1, 2, 2.5 or 5 × 10^k) nearest `rough` on a log scale, at least `least`. */
function roundWidth(rough: number, least: number): number {
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const candidates = [0.5, 1, 2, 2.5, 5, 10].map((factor) => factor * magnitude);
  const nearest = candidates.reduce((best, candidate) =>
    Math.abs(Math.log(candidate / rough)) < Math.abs(Math.log(best / rough)) ? candidate : best,
  );
  return nearest >= least ? nearest : niceStep(least);
}

/** Linear-interpolated quantile of sorted values (numpy's default). */
function quantile(sorted: readonly number[], q: number): number {
  const position = (sorted.length - 1) * q;
  const below = Math.floor(position);
  const fraction = position - below;
  const lower = sorted[below] as number;
  return fraction === 0 ? lower : lower + fraction * ((sorted[below + 1] as number) - lower);
}

/** An edge without float noise from repeated addition (0.30000000000000004 → 0.3). */
function roundEdge(edge: number, width: number): number {
  const digits = Math.max(0, -Math.floor(Math.log10(width)) + 2);
  return Number(edge.toFixed(Math.min(20, digits)));
}
