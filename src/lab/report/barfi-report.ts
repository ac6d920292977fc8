import { lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults } from "../results.js";
import { environmentFrame } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type BarfiResults = LabResults & {
  runs: { heuristic: string; method: string; success: number[]; weights: number[] }[];
};

export function barfiReport(results: BarfiResults, world: { frame: string }): string[] {
  const colors = new SeriesColors();
  const every = Number(results.settings.evaluate_every) * Number(results.settings.batch);
  const chart = (heuristic: string, key: "success" | "weights", title: string, yLabel: string) =>
    lineChart({
      title,
      xLabel: "training episodes",
      yLabel,
      colors,
      series: results.runs
        .filter(
          (run) =>
            run.heuristic === heuristic &&
            (key === "success" || run.method === "barfi" || run.method === "blend_node"),
        )
        .map((run) => ({
          name: run.method,
          points: run[key].map((value, index) => ({ x: index * every, y: value })),
        })),
    });
  return [
    paragraph(
      "A walled room: start top-left, goal bottom-right, actions slip to a random move 10% of the time. Primary reward: 1 at the goal, −0.01 a step. Helpful heuristic: −distance to the goal after each step (scaled to [−1, 0]); misleading heuristic: a bonus for each step in the room's central 2×2 cells. Learners: tabular softmax REINFORCE on r_p alone (primary), on r_p + r_aux (naive), on r_p + φ·r_aux with φ moved by BARFI's first-order outer step (the cosine of the primary and auxiliary policy gradients, from the same episodes; compose's blendStep), and with φ moved by the blend node's reward-only estimate (the correlation of the episodes' primary and auxiliary returns; compose's rewardAlignment). Success rates are measured on episodes sampled from the policy.",
    ),
    claimsSection(results.claims),
    figureRow([
      chart("helpful", "success", "Helpful heuristic: success rate", "share of episodes reaching the goal"),
      chart(
        "misleading",
        "success",
        "Misleading heuristic: success rate",
        "share of episodes reaching the goal",
      ),
    ]),
    figureRow([
      chart("helpful", "weights", "Helpful heuristic: blend weight φ", "φ"),
      chart("misleading", "weights", "Misleading heuristic: blend weight φ", "φ"),
    ]),
    figureRow([
      environmentFrame(
        world.frame,
        "The room (A start, G goal); the misleading bonus pays in its central 2×2 cells.",
      ),
    ]),
    settingsSection(results.settings, results.seed),
  ];
}
