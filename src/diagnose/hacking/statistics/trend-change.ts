import { type MannKendall, mannKendall } from "./mann-kendall.js";

/** How a series must move for a flag to call it a change (the shared part of every detector's options). */
export interface TrendThresholds {
  /** Fewer finite points than this: "insufficient data", never "quiet". */
  minSteps: number;
  /** One-sided significance level of the Mann–Kendall test. */
  alpha: number;
  /** The early (baseline) and late windows, each this fraction of the points (at least 2). */
  windowFraction: number;
  /** The late − early change must exceed this many standard errors of the difference. */
  noiseZ: number;
  /** …and be at least this large in the series' own units (practical significance). */
  minChange: number;
}

export type Direction = "rising" | "falling";

/** The evidence of one trend decision, JSON-ready. */
export interface TrendTest {
  direction: Direction;
  n: number;
  tau: number;
  z: number;
  p: number;
  early_mean: number;
  late_mean: number;
  /** late_mean − early_mean. */
  change: number;
  /** Standard error of the change, from the spread of the per-step values in the two windows. */
  noise: number;
  /** Whether all three conditions held: significant trend, change ≥ min_change, change > noise_z·noise. */
  holds: boolean;
}

/**
 * Decides whether a per-step series moved in `direction`: a Mann–Kendall trend significant at
 * `alpha`, a late-window mean that differs from the early-window (baseline) mean by at least
 * `minChange`, and by more than `noiseZ` standard errors. The trend test alone would call a tiny
 * but steady drift significant on a long run; the change alone would call one noisy late window a
 * change; together they ask for a change that is both real and large enough to matter.
 * Undefined when the series has fewer than `minSteps` finite points.
 */
export function trendChange(
  values: readonly (number | null)[],
  direction: Direction,
  thresholds: TrendThresholds,
): TrendTest | undefined {
  const series = values.filter((value): value is number => value !== null && Number.isFinite(value));
  if (series.length < Math.max(thresholds.minSteps, 4)) return undefined;
  const test: MannKendall = mannKendall(series);
  const width = Math.max(2, Math.round(thresholds.windowFraction * series.length));
  const early = series.slice(0, width);
  const late = series.slice(-width);
  const earlyMean = seriesMean(early);
  const lateMean = seriesMean(late);
  const change = lateMean - earlyMean;
  const noise = Math.sqrt(sampleVariance(early) / early.length + sampleVariance(late) / late.length);
  const signed = direction === "rising" ? change : -change;
  const p = direction === "rising" ? test.pRising : test.pFalling;
  return {
    direction,
    n: test.n,
    tau: test.tau,
    z: test.z,
    p,
    early_mean: earlyMean,
    late_mean: lateMean,
    change,
    noise,
    holds: p < thresholds.alpha && signed >= thresholds.minChange && signed > thresholds.noiseZ * noise,
  };
}

export function seriesMean(values: readonly number[]): number {
  let total = 0;
  for (const value of values) total += value;
  return values.length > 0 ? total / values.length : Number.NaN;
}

function sampleVariance(values: readonly number[]): number {
  if (values.length < 2) return 0;
  const center = seriesMean(values);
  let total = 0;
  for (const value of values) total += (value - center) ** 2;
  return total / (values.length - 1);
}
