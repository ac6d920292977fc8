import { lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type LearnedObjectiveResults = LabResults<MeasuredCurve> & {
  held_out_updates: number[];
  meta_training: Record<string, number[]>;
  learning_curves: { method: string; updates: number; returns: number[] }[];
  objective_shapes: { name: string; points: { x: number; y: number }[] }[];
};

/** The learned-objective report: returns against horizon, learning curves, ES progress, f(ρ, 1). */
export function learnedObjectiveReport(results: LearnedObjectiveResults): string[] {
  const colors = new SeriesColors();
  const longest = results.learning_curves[0]?.updates ?? 0;
  return [
    paragraph(
      `Inner task (reconstructed): a ${String(results.settings.arms)}-armed Gaussian bandit (means from N(0, 1), unit noise), a softmax policy trained by PPO (batch-mean baseline, normalized advantages, ${String(results.settings.epochs)} full-batch gradient steps per update) whose policy loss is PPO's clipped surrogate or LPO's ρA − drift(ρ, A). The drift is a one-hidden-layer tanh network over LPO's inputs (log ρ, (log ρ)², 1 − ρ, (1 − ρ)², each also times A; TA-LPO adds each times n/N), meta-learned by OpenAI-ES at ${String(results.settings.train_updates)} inner updates and evaluated on fresh bandits at held-out horizons ${results.held_out_updates.join(", ")}. Returns are normalized: uniform policy 0, best arm 1.`,
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "Final return against the training horizon",
        xLabel: "inner PPO updates",
        yLabel: "mean final normalized return",
        colors,
        series: results.curves.map((curve) => ({ name: curve.method, points: curve.points })),
      }),
      lineChart({
        title: `Learning curves at ${longest} updates (held out)`,
        xLabel: "inner PPO update",
        yLabel: "mean normalized return",
        colors,
        series: results.learning_curves.map((curve) => ({
          name: curve.method,
          points: curve.returns.map((value, update) => ({ x: update, y: value })),
        })),
      }),
    ]),
    figureRow([
      lineChart({
        title: "Meta-training (OpenAI-ES)",
        xLabel: "generation",
        yLabel: "population's mean fitness",
        colors,
        series: Object.entries(results.meta_training).map(([name, values]) => ({
          name,
          points: values.map((value, generation) => ({ x: generation, y: value })),
        })),
      }),
      lineChart({
        title: "The objective f(ρ, A = 1) each method maximizes",
        xLabel: "probability ratio ρ",
        yLabel: "f(ρ, 1)",
        colors,
        series: results.objective_shapes,
      }),
    ]),
    settingsSection(results.settings, results.seed),
  ];
}
