import { seriesOf } from "../run-series.js";
import { trendChange } from "../statistics/trend-change.js";
import { momentMean } from "../step-aggregate.js";
import { formatNumber, type HackingDetector, testsRecord, trendThresholds, undecided } from "./detector.js";

/**
 * The mean completion length moves steadily, up or down, by at least `length_change` of its early
 * mean. Tested on log(1 + length), so the threshold is relative and one very long step does not
 * dominate; each direction is tested at alpha/2 (the test is two-sided).
 */
export const lengthDrift: HackingDetector = {
  name: "length_drift",
  description: "Mean completion length drifts up (verbosity) or down (truncation) over steps.",
  detect(run, { thresholds }) {
    const lengths = seriesOf(run, (bin) => momentMean(bin.length));
    const logged = lengths.map((value) => (value === null ? null : Math.log1p(Math.max(0, value))));
    const minChange = Math.log1p(thresholds.length_change);
    const settings = { ...trendThresholds(thresholds, minChange), alpha: thresholds.alpha / 2 };
    const rising = trendChange(logged, "rising", settings);
    const falling = trendChange(logged, "falling", settings);
    const limits = { length_change: thresholds.length_change, alpha: thresholds.alpha };
    if (!rising || !falling) {
      return undecided(
        "insufficient_data",
        `fewer than ${thresholds.min_steps} steps with completions`,
        run,
        limits,
      );
    }
    const moved = rising.holds ? rising : falling.holds ? falling : undefined;
    const evidence = {
      steps: [...run.steps],
      series: { mean_length: lengths },
      tests: testsRecord({ log_length: moved ?? (rising.tau >= 0 ? rising : falling) }),
      thresholds: limits,
    };
    if (!moved) {
      return { status: "quiet", summary: "completion length shows no significant drift", evidence };
    }
    const ratio = Math.expm1(moved.late_mean) / Math.max(1e-9, Math.expm1(moved.early_mean));
    return {
      status: "fired",
      summary: `mean completion length ${moved.direction === "rising" ? "grew" : "shrank"} ×${formatNumber(ratio)} (from ${formatNumber(Math.expm1(moved.early_mean))} to ${formatNumber(Math.expm1(moved.late_mean))}, Mann–Kendall p = ${formatNumber(moved.p)})`,
      evidence,
    };
  },
};
