import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { GroupingPoint } from "../experiments/action-grouping.js";
import type { LabResults } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function groupingReport(results: LabResults & { losses: GroupingPoint[] }): string[] {
  const colors = new SeriesColors();
  const budgets = [...new Set(results.losses.map((point) => point.budget))].sort((a, b) => a - b);
  const counts = [...new Set(results.losses.map((point) => point.groups))].sort((a, b) => a - b);
  const loss = (groups: number, budget: number) =>
    results.losses.find((point) => point.groups === groups && point.budget === budget)?.loss ?? Number.NaN;
  return [
    paragraph(
      "A random MDP whose actions come in latent clusters of similar ones (each action's kernel and reward stray a little from its cluster's). Actions are grouped by average-linkage clustering of their true kernels and rewards (nested groupings for each K); a generative model's samples are spread over (state, group) pairs, each group's kernel and mean reward estimated as if its actions were one, the grouped model planned by value iteration, and the plan (a group per state, its actions played uniformly) valued exactly in the true MDP. Loss: the share of the gap between the uniform random policy and the optimal one that the plan leaves, averaged over repeated estimates.",
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "Loss against the sample budget, per number of groups",
        xLabel: "log2(samples)",
        yLabel: "normalized loss (0 = optimal)",
        colors,
        series: counts.map((groups) => ({
          name: `K=${groups}`,
          points: budgets.map((budget) => ({ x: Math.log2(budget), y: loss(groups, budget) })),
        })),
      }),
      lineChart({
        title: "The trade-off over group counts, per budget",
        xLabel: "log2(K)",
        yLabel: "normalized loss (0 = optimal)",
        colors,
        series: budgets.map((budget) => ({
          name: `${budget} samples`,
          points: counts.map((groups) => ({ x: Math.log2(groups), y: loss(groups, budget) })),
        })),
      }),
    ]),
    htmlTable(
      ["K", ...budgets.map((budget) => `${budget} samples`)],
      counts.map((groups) => [String(groups), ...budgets.map((budget) => loss(groups, budget).toFixed(3))]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
