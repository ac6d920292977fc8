import { seriesOf } from "../run-series.js";
import { trendChange } from "../statistics/trend-change.js";
import { momentMean } from "../step-aggregate.js";
import { formatNumber, type HackingDetector, testsRecord, trendThresholds, undecided } from "./detector.js";

/**
 * The disagreement of an ensemble's members (the `<name>.disagreement` component an `ensemble` node
 * reports: their standard deviation) spikes or climbs: the policy has moved where the reward models
 * no longer agree (Eisenstein et al. 2023; Coste et al. 2024). A spike is a step after the early
 * window above the early median by `disagreement_spike_z` robust standard deviations (1.4826·MAD,
 * floored at 5% of the median) and by at least `disagreement_ratio` of the median; a climb is a
 * significant rising trend by that ratio.
 */
export const ensembleDisagreement: HackingDetector = {
  name: "ensemble_disagreement",
  description: "The disagreement of reward-model ensemble members spikes or climbs.",
  detect(run, { thresholds }) {
    const names = Object.keys(run.total.components)
      .filter((name) => name.endsWith(".disagreement"))
      .sort();
    const limits = {
      disagreement_spike_z: thresholds.disagreement_spike_z,
      disagreement_ratio: thresholds.disagreement_ratio,
    };
    if (names.length === 0) {
      return undecided(
        "not_applicable",
        "no ensemble disagreement component (an `ensemble` node reports `<name>.disagreement`)",
        run,
        limits,
      );
    }
    const series: Record<string, (number | null)[]> = {};
    const tests: Record<string, ReturnType<typeof trendChange>> = {};
    const details: Record<string, unknown> = {};
    let verdict: string | undefined;
    let decided = false;
    for (const name of names) {
      const values = seriesOf(run, (bin) => momentMean(bin.components[name]));
      series[name] = values;
      const finite = values.flatMap((value, index) => (value === null ? [] : [{ value, index }]));
      if (finite.length < thresholds.min_steps) continue;
      decided = true;
      const width = Math.max(3, Math.round(thresholds.window_fraction * finite.length));
      const early = finite.slice(0, width).map((point) => point.value);
      const median = middle(early);
      const spread = Math.max(
        1.4826 * middle(early.map((value) => Math.abs(value - median))),
        0.05 * Math.abs(median),
        1e-12,
      );
      const level = Math.max(
        median + thresholds.disagreement_spike_z * spread,
        (1 + thresholds.disagreement_ratio) * median,
      );
      const spikes = finite
        .slice(width)
        .filter((point) => point.value > level)
        .map((point) => run.steps[point.index] ?? 0);
      const climb = trendChange(
        values,
        "rising",
        trendThresholds(thresholds, thresholds.disagreement_ratio * Math.abs(median)),
      );
      tests[name] = climb;
      details[name] = {
        baseline_median: median,
        robust_std: spread,
        spike_level: level,
        spike_steps: spikes,
      };
      if (verdict === undefined && spikes.length > 0) {
        verdict = `${name} spiked above ${formatNumber(level)} (early median ${formatNumber(median)}) at step ${spikes[0]}${spikes.length > 1 ? ` and ${spikes.length - 1} more` : ""}`;
      } else if (verdict === undefined && climb?.holds) {
        verdict = `${name} climbed from ${formatNumber(climb.early_mean)} to ${formatNumber(climb.late_mean)} (p = ${formatNumber(climb.p)})`;
      }
    }
    if (!decided) {
      return undecided(
        "insufficient_data",
        `fewer than ${thresholds.min_steps} steps with ensemble disagreement`,
        run,
        limits,
      );
    }
    const evidence = {
      steps: [...run.steps],
      series,
      tests: testsRecord(tests),
      thresholds: limits,
      details,
    };
    if (verdict === undefined) {
      return { status: "quiet", summary: "ensemble members agree as much as early in the run", evidence };
    }
    return {
      status: "fired",
      summary: `${verdict}: the policy reached outputs the reward models disagree on`,
      evidence,
    };
  },
};

function middle(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const half = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[half] as number)
    : ((sorted[half - 1] as number) + (sorted[half] as number)) / 2;
}
