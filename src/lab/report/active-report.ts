import { htmlTable } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { measuredChart } from "./measured-chart.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function activeReport(
  results: LabResults<MeasuredCurve> & {
    world: string;
    labels_to_reach_target: Record<string, number>;
    learned_policy: { weights: number[]; worst_regret: number };
    target_accuracy: number;
  },
): string[] {
  return [
    paragraph(
      `World: ${results.world}. A Bradley–Terry RM is retrained after every round of labels; the labeller answers with each pair's held label. Strategies: random; uncertainty (the pairs whose predicted preference is closest to 50/50); disagreement (the std of the margin over a bootstrap ensemble); learned (a linear policy over uncertainty, disagreement, density and novelty, chosen to minimize the worst regret over classes of simulated problems built on the pool's unlabelled features — a reconstruction of Zhang et al.'s robust training). Target: random's accuracy at the full budget (${results.target_accuracy.toFixed(3)}).`,
    ),
    claimsSection(results.claims),
    figureRow([measuredChart({ title: "Held-out accuracy by labels bought", curves: results.curves })]),
    htmlTable(
      ["strategy", "labels to reach the target"],
      Object.entries(results.labels_to_reach_target).map(([name, labels]) => [
        name,
        Number.isFinite(labels) ? String(labels) : "not reached",
      ]),
    ),
    htmlTable(
      ["learned weights (uncertainty, disagreement, density, novelty)", "worst-class regret"],
      [
        [
          results.learned_policy.weights.map((value) => value.toFixed(2)).join(", "),
          results.learned_policy.worst_regret.toFixed(4),
        ],
      ],
    ),
    settingsSection(results.settings, results.seed),
  ];
}
