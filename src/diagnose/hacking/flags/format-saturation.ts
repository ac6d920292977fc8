import { seriesOf } from "../run-series.js";
import { trendChange } from "../statistics/trend-change.js";
import { momentMean } from "../step-aggregate.js";
import { componentWeights } from "./component-weights.js";
import { formatNumber, type HackingDetector, testsRecord, trendThresholds, undecided } from "./detector.js";

/**
 * A format-only reward rose to saturation (its late mean at least `format_saturation` of its
 * maximum, after rising by `format_rise` of it) while the rest of the reward did not rise
 * significantly: the reward went up for the format alone and now no longer separates samples.
 * Format components are `roles.format`, else names containing "format". One that is saturated
 * from step 0 has no rise: quiet.
 */
export const formatSaturation: HackingDetector = {
  name: "format_saturation",
  description: "A format-only reward saturates while the rest of the reward does not improve.",
  detect(run, { thresholds, roles }) {
    const names = Object.keys(run.total.components);
    const formats =
      roles.format ?? names.filter((name) => /format/i.test(name) && !name.endsWith(".disagreement"));
    const limits = { format_saturation: thresholds.format_saturation, format_rise: thresholds.format_rise };
    const present = formats.filter((name) => run.total.components[name] !== undefined);
    if (present.length === 0) {
      return undecided(
        "not_applicable",
        "no format component (name one with roles.format / --format)",
        run,
        limits,
      );
    }
    const weights = componentWeights(run.total, roles);
    const others = weights.names.filter((name) => !present.includes(name));
    const task = seriesOf(run, (bin) => {
      if (others.length > 0) {
        let sum = 0;
        for (const name of others) {
          const value = momentMean(bin.components[name]);
          if (value === null) return null;
          sum += (weights.weights[name] ?? 1) * value;
        }
        return sum;
      }
      let rest = momentMean(bin.reward);
      for (const name of present) {
        const value = momentMean(bin.components[name]);
        if (rest === null || value === null) return null;
        rest -= (weights.weights[name] ?? 1) * value;
      }
      return rest;
    });
    const taskTest = trendChange(task, "rising", trendThresholds(thresholds, 0));
    const series: Record<string, (number | null)[]> = { task };
    let fired: { name: string; late: number; early: number; p: number } | undefined;
    const tests: Record<string, ReturnType<typeof trendChange>> = { task: taskTest };
    for (const name of present) {
      const maximum = run.total.components[name]?.max ?? null;
      const raw = seriesOf(run, (bin) => momentMean(bin.components[name]));
      series[`format.${name}`] = raw;
      if (maximum === null || !(maximum > 0)) continue;
      const scaled = raw.map((value) => (value === null ? null : value / maximum));
      const test = trendChange(scaled, "rising", trendThresholds(thresholds, thresholds.format_rise));
      tests[`format.${name}`] = test;
      if (test?.holds && test.late_mean >= thresholds.format_saturation && !fired) {
        fired = { name, late: test.late_mean, early: test.early_mean, p: test.p };
      }
    }
    if (!taskTest) {
      return undecided(
        "insufficient_data",
        `fewer than ${thresholds.min_steps} steps with components`,
        run,
        limits,
      );
    }
    const evidence = { steps: [...run.steps], series, tests: testsRecord(tests), thresholds: limits };
    if (fired && !taskTest.holds) {
      return {
        status: "fired",
        summary: `${fired.name} rose from ${formatNumber(fired.early)} to ${formatNumber(fired.late)} of its maximum (p = ${formatNumber(fired.p)}) while the rest of the reward did not improve: the reward is rising for the format alone`,
        evidence,
      };
    }
    return {
      status: "quiet",
      summary: fired
        ? `${fired.name} saturated, but the rest of the reward improved with it`
        : "no format component rose to saturation",
      evidence,
    };
  },
};
