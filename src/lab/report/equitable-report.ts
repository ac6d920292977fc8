import { htmlTable } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { measuredChart } from "./measured-chart.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function equitableReport(
  results: LabResults<MeasuredCurve> & {
    group_errors: Record<string, number[]>;
    group_counts: Record<string, number[]>;
    predicted_adaptive_errors: number[];
  },
): string[] {
  const rows = Object.entries(results.group_errors).map(([method, errors]) => [
    method,
    ...errors.map(
      (error, group) => `${error.toFixed(3)} (n ${Math.round(results.group_counts[method]?.[group] ?? 0)})`,
    ),
  ]);
  rows.push([
    "adaptive, predicted by its fitted curves",
    ...results.predicted_adaptive_errors.map((error) => error.toFixed(3)),
  ]);
  return [
    paragraph(
      "Each group has its own hidden preference over the same response features; a group whose taste spreads over more features needs more comparisons. Every group gets its own Bradley–Terry RM. Adaptive: after a pilot, each round fits err(n) = a·n^−b + c per group from cross-validated errors on the labels collected so far and spends the round to minimize the largest predicted error (reconstructed from Cai et al.). Baselines: equal samples per group, and samples in proportion to the population. Errors are against the gold preference on held-out comparisons.",
    ),
    claimsSection(results.claims),
    figureRow([measuredChart({ title: "Worst-group error as the budget is spent", curves: results.curves })]),
    htmlTable(
      ["strategy", ...(results.group_errors.adaptive ?? []).map((_, group) => `group ${group + 1} error`)],
      rows,
    ),
    settingsSection(results.settings, results.seed),
  ];
}
