import { seriesOf } from "../run-series.js";
import { seriesMean, type TrendTest, trendChange } from "../statistics/trend-change.js";
import { momentMean } from "../step-aggregate.js";
import { componentWeights } from "./component-weights.js";
import { formatNumber, type HackingDetector, testsRecord, trendThresholds, undecided } from "./detector.js";

/**
 * A component's share of the reward grows while another component's contribution falls: the
 * policy trades one part of the reward for another (the format term for correctness, a judge's
 * style score for the verifier's). Contribution = weight × per-step mean; share = |contribution| /
 * Σ|contributions|. Falls are measured as a fraction of the early total contribution, so they are
 * comparable across components. A component that dominates from step 0 has a flat share: quiet.
 */
export const componentTakeover: HackingDetector = {
  name: "component_takeover",
  description: "One component's share of the reward grows while another component falls.",
  detect(run, { thresholds, roles }) {
    const weights = componentWeights(run.total, roles);
    const limits = { share_change: thresholds.share_change, component_fall: thresholds.component_fall };
    if (weights.names.length < 2) {
      return undecided("not_applicable", "fewer than two components: no share can take over", run, limits);
    }
    const contributions: Record<string, (number | null)[]> = {};
    for (const name of weights.names) {
      const weight = weights.weights[name] ?? 1;
      contributions[name] = seriesOf(run, (bin) => {
        const value = momentMean(bin.components[name]);
        return value === null ? null : weight * value;
      });
    }
    const totals = run.bins.map((_, index) => {
      let sum = 0;
      for (const name of weights.names) sum += Math.abs(contributions[name]?.[index] ?? 0);
      return sum;
    });
    const shares: Record<string, (number | null)[]> = {};
    for (const name of weights.names) {
      shares[name] = totals.map((total, index) => {
        const value = contributions[name]?.[index];
        return total > 0 && value !== null && value !== undefined ? Math.abs(value) / total : null;
      });
    }
    const width = Math.max(2, Math.round(thresholds.window_fraction * totals.length));
    const earlyTotal = seriesMean(totals.slice(0, width));
    const shareSettings = trendThresholds(thresholds, thresholds.share_change);
    const fallSettings = trendThresholds(thresholds, thresholds.component_fall);
    let best: { name: string; test: TrendTest } | undefined;
    let firstShareTest: TrendTest | undefined;
    for (const name of weights.names) {
      const test = trendChange(shares[name] ?? [], "rising", shareSettings);
      firstShareTest ??= test;
      if (test && (!best || test.change > best.test.change)) best = { name, test };
    }
    if (!firstShareTest || !best) {
      return undecided(
        "insufficient_data",
        `fewer than ${thresholds.min_steps} steps with components`,
        run,
        limits,
      );
    }
    let fallen: { name: string; test: TrendTest } | undefined;
    for (const name of weights.names) {
      if (name === best.name || !(earlyTotal > 0)) continue;
      const normalized = (contributions[name] ?? []).map((value) =>
        value === null ? null : value / earlyTotal,
      );
      const test = trendChange(normalized, "falling", fallSettings);
      if (test && (!fallen || test.change < fallen.test.change)) fallen = { name, test };
    }
    const series: Record<string, (number | null)[]> = {};
    for (const name of weights.names) {
      series[`share.${name}`] = shares[name] ?? [];
      series[`contribution.${name}`] = contributions[name] ?? [];
    }
    const evidence = {
      steps: [...run.steps],
      series,
      tests: testsRecord({
        [`share.${best.name}`]: best.test,
        ...(fallen ? { [`contribution.${fallen.name}`]: fallen.test } : {}),
      }),
      thresholds: limits,
      details: {
        weights: weights.weights,
        weight_source: weights.source,
        ...(weights.r2 !== undefined ? { weight_fit_r2: weights.r2 } : {}),
      },
    };
    if (best.test.holds && fallen?.test.holds) {
      return {
        status: "fired",
        summary: `${best.name}'s share of the reward grew from ${formatNumber(best.test.early_mean)} to ${formatNumber(best.test.late_mean)} while ${fallen.name} fell by ${formatNumber(-fallen.test.change)} of the early total (p = ${formatNumber(best.test.p)}, ${formatNumber(fallen.test.p)})`,
        evidence,
      };
    }
    const why = best.test.holds
      ? `${best.name}'s share grew but no other component fell`
      : "no component's share grew significantly";
    return { status: "quiet", summary: why, evidence };
  },
};
