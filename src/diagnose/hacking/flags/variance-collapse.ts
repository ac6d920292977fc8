import { seriesOf } from "../run-series.js";
import { trendChange } from "../statistics/trend-change.js";
import { momentMean } from "../step-aggregate.js";
import { formatNumber, type HackingDetector, testsRecord, trendThresholds, undecided } from "./detector.js";

/**
 * The fraction of groups whose samples all got the same reward rises by `zero_std_change`: GRPO-style
 * advantages vanish for those groups, and a policy that found one answer every judge accepts makes
 * every group agree. A constant share of easy (all-correct) groups from step 0 does not fire.
 */
export const varianceCollapse: HackingDetector = {
  name: "variance_collapse",
  description: "The fraction of zero-std groups (no learning signal) rises over steps.",
  detect(run, { thresholds }) {
    const fraction = seriesOf(run, (bin) => (bin.groups > 0 ? bin.zeroStdGroups / bin.groups : null));
    const limits = { zero_std_change: thresholds.zero_std_change };
    if (run.total.groups === 0) {
      return undecided(
        "not_applicable",
        "no groups of two or more samples (rows need a `group`)",
        run,
        limits,
      );
    }
    const test = trendChange(fraction, "rising", trendThresholds(thresholds, thresholds.zero_std_change));
    if (!test) {
      return undecided(
        "insufficient_data",
        `fewer than ${thresholds.min_steps} steps with groups`,
        run,
        limits,
      );
    }
    const evidence = {
      steps: [...run.steps],
      series: {
        zero_std_fraction: fraction,
        groups: seriesOf(run, (bin) => bin.groups),
        mean_reward: seriesOf(run, (bin) => momentMean(bin.reward)),
      },
      tests: testsRecord({ zero_std_fraction: test }),
      thresholds: limits,
    };
    if (!test.holds)
      return { status: "quiet", summary: "the share of zero-std groups does not rise", evidence };
    return {
      status: "fired",
      summary: `the share of groups with identical rewards rose from ${formatNumber(test.early_mean)} to ${formatNumber(test.late_mean)} (p = ${formatNumber(test.p)}): the reward stops separating samples`,
      evidence,
    };
  },
};
