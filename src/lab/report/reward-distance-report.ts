import { htmlTable, lineChart } from "../../report/index.js";
import type { DistanceRecord } from "../experiments/reward-distance-claims.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { measuredChart } from "./measured-chart.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function rewardDistanceReport(
  results: LabResults<MeasuredCurve> & {
    equivalent_pairs: { starc: number; epic: number; naive: number }[];
    pairs: DistanceRecord[];
  },
): string[] {
  const scatter = (key: "starc" | "epic") => ({
    name: key,
    points: [...results.pairs].sort((a, b) => a[key] - b[key]).map((row) => ({ x: row[key], y: row.regret })),
  });
  const mean = (key: "starc" | "epic" | "naive") =>
    results.equivalent_pairs.reduce((sum, row) => sum + row[key], 0) / results.equivalent_pairs.length;
  return [
    paragraph(
      "Random MDPs (Dirichlet transitions over a few next states, rewards N(0, 1) per (s, a, s')). Equivalent pairs: R against c·R + γΦ(s') − Φ(s) with a random potential and c ∈ [e⁻², e²]. Perturbed pairs: R against R + σ·noise; regret is that of the policy optimal for the noisy reward, evaluated under R, as a share of R's best-minus-worst return. STARC uses value-adjusted levelling under the uniform policy, the L2 norm and metric, halved into [0, 1]; EPIC uses uniform state/action distributions and coverage.",
    ),
    claimsSection(results.claims),
    figureRow([
      measuredChart({
        title: "Mean distance and regret by noise",
        curves: results.curves,
        yLabel: "distance / regret",
      }),
      lineChart({
        title: "Regret against distance (every perturbed pair)",
        xLabel: "distance",
        yLabel: "normalized regret",
        series: [scatter("starc"), scatter("epic")],
      }),
    ]),
    htmlTable(
      ["equivalent pairs", "STARC", "EPIC", "naive L2 (unit-norm raw rewards)"],
      [["mean", mean("starc").toExponential(2), mean("epic").toExponential(2), mean("naive").toFixed(3)]],
    ),
    settingsSection(results.settings, results.seed),
  ];
}
