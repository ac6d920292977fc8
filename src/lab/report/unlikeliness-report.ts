import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults } from "../results.js";
import type { PassAtNSeries, RankUplift } from "../worlds/pass-metrics.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function unlikelinessReport(
  results: LabResults & {
    pass_at_n: PassAtNSeries[];
    pass_by_step: {
      method: string;
      points: { step: number; pass_at_1: number; pass_at_large_n: number }[];
    }[];
    rank_uplift: RankUplift[];
  },
): string[] {
  const colors = new SeriesColors();
  return [
    paragraph(
      "A verifier world: every candidate is right or wrong, the base policy favours 'typical' candidates, and on about half the prompts the correct answers are atypical (rare under the base policy). The policy has per-candidate logits plus shared weights over candidate features, so what it learns on one prompt moves the others, as a language model's weights do. GRPO and the unlikeliness reward are the advantage room's estimators, compiled from spec sections; PPO's clipped surrogate runs 1 or more epochs per batch. pass@N is exact: 1 − (1 − q)^N with q the policy's probability of a correct answer. Here proxy = gold = pass@1 (the verifier is exact).",
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "pass@N after training",
        xLabel: "log2 N",
        yLabel: "pass@N",
        colors,
        series: results.pass_at_n.map((series) => ({
          name: series.method,
          dashed: series.method === "base",
          points: series.points.map((point) => ({ x: Math.log2(point.n), y: point.value })),
        })),
      }),
      lineChart({
        title: "pass@N minus the base policy's",
        xLabel: "log2 N",
        yLabel: "Δ pass@N",
        colors,
        series: results.pass_at_n
          .filter((series) => series.method !== "base")
          .map((series) => ({
            name: series.method,
            points: series.points.map((point, index) => ({
              x: Math.log2(point.n),
              y: point.value - (results.pass_at_n[0]?.points[index]?.value ?? 0),
            })),
          })),
      }),
    ]),
    figureRow(
      (["pass_at_1", "pass_at_large_n"] as const).map((key) =>
        lineChart({
          title:
            key === "pass_at_1" ? "pass@1 during training" : `pass@${results.settings.max_n} during training`,
          xLabel: "step",
          yLabel: key === "pass_at_1" ? "pass@1" : `pass@${results.settings.max_n}`,
          colors,
          series: results.pass_by_step.map((series) => ({
            name: series.method,
            points: series.points.map((point) => ({ x: point.step, y: point[key] })),
          })),
        }),
      ),
    ),
    "<h2>Rank bias</h2>",
    paragraph(
      "Mean change of the correct candidates' log-probability (end of training minus base), by their likelihood rank under the base policy within the prompt (quartile 1 = most likely).",
    ),
    htmlTable(
      ["method", "quartile 1", "quartile 2", "quartile 3", "quartile 4"],
      results.rank_uplift.map((entry) => [entry.method, ...entry.quartiles.map((value) => value.toFixed(3))]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
