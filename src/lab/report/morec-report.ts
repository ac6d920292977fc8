import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { MorecMeasures } from "../experiments/morec-claims.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { environmentFrame } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function morecReport(
  results: LabResults<MeasuredCurve> & { measures: MorecMeasures },
  world: { frame: string },
): string[] {
  const colors = new SeriesColors();
  const { measures } = results;
  return [
    paragraph(
      "The point mass, offline: a random behaviour policy's transitions cover only the lower-left corner; the goal disc lies outside it. An ensemble of MLP dynamics models is fit to the data; a dynamics reward (a discriminator of the data's transitions against the ensemble's samples and noise-perturbed transitions, reading velocity, action and change) is learned from the same data. Planner: random-shooting MPC with the known reward, imagining with the true dynamics, a random member's sample (unfiltered), or the candidate with the highest dynamics reward (MOREC's transition filter). Returns are measured in the true world.",
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "Distance to the goal while planning in each model",
        xLabel: "step",
        yLabel: "distance to the goal",
        colors,
        series: results.curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.x, y: point.y })),
        })),
      }),
      environmentFrame(
        world.frame,
        "The point mass and the goal disc; the data covers only the lower-left corner.",
      ),
    ]),
    htmlTable(
      ["model", "one-step error inside the data", "one-step error outside", "true return"],
      [
        ["true dynamics", "0", "0", measures.returns.true.toFixed(2)],
        [
          "ensemble (unfiltered)",
          measures.errorInside.ensemble.toFixed(3),
          measures.errorOutside.ensemble.toFixed(3),
          measures.returns.ensemble.toFixed(2),
        ],
        [
          "MOREC filter",
          measures.errorInside.morec.toFixed(3),
          measures.errorOutside.morec.toFixed(3),
          measures.returns.morec.toFixed(2),
        ],
        ["random actions", "", "", measures.returns.random.toFixed(2)],
      ],
    ),
    settingsSection(results.settings, results.seed),
  ];
}
