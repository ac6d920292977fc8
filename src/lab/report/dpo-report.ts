import type { GaoFit } from "../../diagnose/index.js";
import { gaoRl } from "../../diagnose/index.js";
import { lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults } from "../results.js";
import { claimsSection, curveChart, figureRow, paragraph, settingsSection } from "./sections.js";

export function dpoReport(results: LabResults & { fit: GaoFit }): string[] {
  const colors = new SeriesColors();
  const perBeta = results.curves.filter((curve) => curve.method !== "end_of_training");
  const frontier = results.curves.filter((curve) => curve.method === "end_of_training");
  const top = Math.max(...(frontier[0]?.points ?? []).map((point) => Math.sqrt(point.kl)), 0);
  const fitted = {
    name: `Gao RL fit (R² ${results.fit.r2.toFixed(2)})`,
    colorKey: "Gao fit",
    dashed: true,
    points: Array.from({ length: 41 }, (_, index) => {
      const d = (top * index) / 40;
      return { x: d, y: gaoRl(d, results.fit) };
    }),
  };
  return [
    paragraph(
      "The over-optimization world, optimized without a reward model: DPO trains a softmax policy (base log-probabilities plus shared weights over a random-feature representation of the candidates) directly on the noisy preference pairs, for each β. The 'proxy' is what a Bradley–Terry RM trained on the same pairs would say — reported for comparison, not used by DPO.",
    ),
    claimsSection(results.claims),
    figureRow([
      curveChart({ title: "DPO: gold reward during training", curves: perBeta, value: "gold", colors }),
      curveChart({
        title: "End of training across β",
        curves: frontier,
        value: "gold",
        extra: [fitted],
        colors,
      }),
    ]),
    figureRow([
      lineChart({
        title: "Gold reward by epoch",
        xLabel: "epochs",
        yLabel: "gold reward",
        colors,
        series: perBeta.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.step ?? 0, y: point.gold })),
        })),
      }),
      curveChart({ title: "DPO: proxy RM score (not optimized)", curves: perBeta, value: "proxy", colors }),
    ]),
    settingsSection(results.settings, results.seed),
  ];
}
