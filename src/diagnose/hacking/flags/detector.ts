import type { FlagVerdict } from "../flag.js";
import type { HackingRoles, HackingThresholds } from "../options.js";
import type { RunSeries } from "../run-series.js";
import type { TrendTest, TrendThresholds } from "../statistics/trend-change.js";

/** What every detector is given besides the run. */
export interface DetectorSettings {
  thresholds: HackingThresholds;
  roles: HackingRoles;
}

/** One reward-hacking flag: a pure function of the run's per-step aggregates. */
export interface HackingDetector {
  readonly name: string;
  /** One line for docs and the CLI's table. */
  readonly description: string;
  detect(run: RunSeries, settings: DetectorSettings): FlagVerdict;
}

/** The shared trend thresholds with a flag's own minimum change. */
export function trendThresholds(thresholds: HackingThresholds, minChange: number): TrendThresholds {
  return {
    minSteps: thresholds.min_steps,
    alpha: thresholds.alpha,
    windowFraction: thresholds.window_fraction,
    noiseZ: thresholds.noise_z,
    minChange,
  };
}

/** The verdict of a flag that cannot be decided on this run, saying why. */
export function undecided(
  status: "not_applicable" | "insufficient_data",
  summary: string,
  run: RunSeries,
  thresholds: Record<string, number> = {},
): FlagVerdict {
  return { status, summary, evidence: { steps: [...run.steps], series: {}, tests: {}, thresholds } };
}

/** The tests as an evidence record, without the ones not run. */
export function testsRecord(tests: Record<string, TrendTest | undefined>): Record<string, TrendTest> {
  const out: Record<string, TrendTest> = {};
  for (const [name, test] of Object.entries(tests)) if (test) out[name] = test;
  return out;
}

export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const magnitude = Math.abs(value);
  return magnitude !== 0 && (magnitude < 0.01 || magnitude >= 1e5)
    ? value.toExponential(2)
    : value.toFixed(2);
}
