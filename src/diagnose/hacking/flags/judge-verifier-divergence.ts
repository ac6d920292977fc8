import { seriesOf } from "../run-series.js";
import { pearson } from "../statistics/correlation.js";
import { trendChange } from "../statistics/trend-change.js";
import { momentMean } from "../step-aggregate.js";
import { formatNumber, type HackingDetector, testsRecord, trendThresholds, undecided } from "./detector.js";

/**
 * A judge and a verifier scoring the same samples part ways: the judge's mean pulls ahead of the
 * verifier's by `judge_gap_change` more than early on, or their per-step correlation falls by
 * `judge_correlation_drop` — the policy is winning the judge without being right (master keys,
 * confident style). A judge that is more lenient than the verifier from step 0 keeps a flat gap:
 * quiet.
 */
export const judgeVerifierDivergence: HackingDetector = {
  name: "judge_verifier_divergence",
  description: "A judge and a verifier on the same samples diverge (gap grows or correlation falls).",
  detect(run, { thresholds, roles }) {
    const limits = {
      judge_gap_change: thresholds.judge_gap_change,
      judge_correlation_drop: thresholds.judge_correlation_drop,
    };
    const { judge, verifier } = roles;
    if (!judge || !verifier) {
      return undecided(
        "not_applicable",
        "no judge/verifier pair named (roles.judge and roles.verifier, --judge/--verifier)",
        run,
        limits,
      );
    }
    if (!run.total.components[judge] || !run.total.components[verifier]) {
      return undecided(
        "not_applicable",
        `components ${judge} and ${verifier} are not both in the data`,
        run,
        limits,
      );
    }
    const [a, b] = [judge, verifier].sort() as [string, string];
    const gap = seriesOf(run, (bin) => {
      const judged = momentMean(bin.components[judge]);
      const verified = momentMean(bin.components[verifier]);
      return judged === null || verified === null ? null : judged - verified;
    });
    const correlation = seriesOf(run, (bin) => {
      const sums = bin.pairs[`${a}|${b}`];
      return sums ? pearson(sums, 5) : null;
    });
    const gapTest = trendChange(gap, "rising", trendThresholds(thresholds, thresholds.judge_gap_change));
    const correlationTest = trendChange(
      correlation,
      "falling",
      trendThresholds(thresholds, thresholds.judge_correlation_drop),
    );
    if (!gapTest && !correlationTest) {
      return undecided(
        "insufficient_data",
        `fewer than ${thresholds.min_steps} steps with both ${judge} and ${verifier}`,
        run,
        limits,
      );
    }
    const evidence = {
      steps: [...run.steps],
      series: {
        gap,
        correlation,
        [`mean.${judge}`]: seriesOf(run, (bin) => momentMean(bin.components[judge])),
        [`mean.${verifier}`]: seriesOf(run, (bin) => momentMean(bin.components[verifier])),
      },
      tests: testsRecord({ gap: gapTest, correlation: correlationTest }),
      thresholds: limits,
    };
    if (gapTest?.holds) {
      return {
        status: "fired",
        summary: `${judge} pulled ahead of ${verifier}: their gap grew from ${formatNumber(gapTest.early_mean)} to ${formatNumber(gapTest.late_mean)} (p = ${formatNumber(gapTest.p)})`,
        evidence,
      };
    }
    if (correlationTest?.holds) {
      return {
        status: "fired",
        summary: `${judge} and ${verifier} stopped agreeing: their correlation fell from ${formatNumber(correlationTest.early_mean)} to ${formatNumber(correlationTest.late_mean)} (p = ${formatNumber(correlationTest.p)})`,
        evidence,
      };
    }
    return { status: "quiet", summary: `${judge} and ${verifier} keep their early relation`, evidence };
  },
};
