import { seriesOf } from "../run-series.js";
import { pearson } from "../statistics/correlation.js";
import { trendChange } from "../statistics/trend-change.js";
import { momentMean } from "../step-aggregate.js";
import { formatNumber, type HackingDetector, testsRecord, trendThresholds, undecided } from "./detector.js";

/**
 * Within each step, the Pearson correlation of the reward with log(1 + length) (mergeable sums,
 * so it works on the server's per-step aggregates); the flag fires when that correlation rises by
 * at least `length_correlation_change`: the policy has found that length pays. A correlation that
 * is high from step 0 (a reward with a length term) does not fire.
 */
export const lengthRewardCorrelation: HackingDetector = {
  name: "length_reward_correlation",
  description: "The within-step correlation of reward with length rises over steps.",
  detect(run, { thresholds }) {
    const correlation = seriesOf(run, (bin) => pearson(bin.lengthReward, 5));
    const test = trendChange(
      correlation,
      "rising",
      trendThresholds(thresholds, thresholds.length_correlation_change),
    );
    const limits = {
      length_correlation_change: thresholds.length_correlation_change,
      alpha: thresholds.alpha,
    };
    if (!test) {
      return undecided(
        "insufficient_data",
        `fewer than ${thresholds.min_steps} steps where reward and length both vary`,
        run,
        limits,
      );
    }
    const evidence = {
      steps: [...run.steps],
      series: {
        correlation,
        mean_length: seriesOf(run, (bin) => momentMean(bin.length)),
        mean_reward: seriesOf(run, (bin) => momentMean(bin.reward)),
      },
      tests: testsRecord({ correlation: test }),
      thresholds: limits,
    };
    if (!test.holds) {
      return {
        status: "quiet",
        summary: "the reward–length correlation does not rise significantly",
        evidence,
      };
    }
    return {
      status: "fired",
      summary: `the within-step correlation of reward with length rose from ${formatNumber(test.early_mean)} to ${formatNumber(test.late_mean)} (p = ${formatNumber(test.p)}): length is being rewarded more and more`,
      evidence,
    };
  },
};
