import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { ModeSummary } from "../experiments/mode-summary.js";
import type { LabResults } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function adaptiveReport(results: LabResults & { modes: ModeSummary[] }): string[] {
  const colors = new SeriesColors();
  return [
    paragraph(
      "Prompts of difficulty d ∈ [0, 1]; a short answer is cheap and good on easy prompts, a long one costs 4× and holds up on hard ones. Rollouts are mode-controlled (half long, half short per group). The mode the policy would pick is a first-token logit over [1, observed difficulty]. ADR: the advantage room's reconstructed adaptive_mode estimator (τ, δ) plus the reconstructed first-token mode-switching hinge loss (modeSwitchingLoss, preferredMode). Baselines: GRPO on correctness, GRPO on correctness minus a length penalty, and the fixed always-short / always-long policies. Evaluated on held-out prompts.",
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "P(long mode) by difficulty (held-out)",
        xLabel: "difficulty decile midpoint",
        yLabel: "P(long)",
        colors,
        series: results.modes.map((entry) => ({
          name: entry.method,
          dashed: entry.method.startsWith("always"),
          points: entry.byDifficulty.map((value, decile) => ({ x: (decile + 0.5) / 10, y: value })),
        })),
      }),
      lineChart({
        title: "Held-out accuracy during training",
        xLabel: "step",
        yLabel: "accuracy",
        colors,
        series: results.curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.step ?? 0, y: point.gold })),
        })),
      }),
    ]),
    htmlTable(
      ["method", "accuracy", "token cost", "P(long) easy (d < 1/3)", "P(long) hard (d > 2/3)"],
      results.modes.map((entry) => [
        entry.method,
        entry.accuracy.toFixed(3),
        entry.cost.toFixed(2),
        entry.longOnEasy.toFixed(3),
        entry.longOnHard.toFixed(3),
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
