import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import { potentialLabel } from "../experiments/potential-claims.js";
import type { LabResults } from "../results.js";
import type { InvarianceSummary } from "../worlds/shaping-invariance.js";
import { environmentFrame, movingAverage, thinned } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type PotentialResults = LabResults & {
  invariance: InvarianceSummary;
  training: {
    method: string;
    completion_rate: number[];
    revisits_per_step: number[];
    greedy_completed: number[];
    greedy_revisits_per_step: number[];
  }[];
};

export function potentialReport(results: PotentialResults, world: { frame: string }): string[] {
  const colors = new SeriesColors();
  const window = Number(results.settings.window ?? 20);
  const stride = Math.max(1, Math.round(results.training[0]?.completion_rate.length ?? 1) / 60);
  const perEpisode = (key: "completion_rate" | "revisits_per_step") =>
    results.training.map((run) => ({
      name: run.method,
      points: thinned(movingAverage(run[key], window), Math.max(1, Math.floor(stride))),
    }));
  const good = potentialLabel(
    results.settings.potential === "negative_distance" ? "negative_distance" : "value",
  );
  return [
    paragraph(
      `Sutton's four rooms (start top-left, goal bottom-right), reward 1 at the goal and 0 elsewhere, tabular Q-learning (the env room's agent) with ε-greedy exploration. Shaping is added to the reward the learner sees through the training loop's reward hook: none; F = γΦ(s′) − Φ(s) with the good potential ${good} (d the breadth-first-search distance to the goal, Φ(terminal) = 0); F with Φ learnt online from the agent's own episodes (compose's Monte Carlo value table); and a progress bonus paid whenever a step brings the agent closer (not a potential: nothing is taken back for stepping away). Value iteration on the same dynamics checks Ng et al.'s invariance exactly.`,
    ),
    claimsSection(results.claims),
    figureRow([
      environmentFrame(world.frame, "The world: A the agent's start, G the goal."),
      lineChart({
        title: `Share of episodes reaching the goal (last ${window})`,
        xLabel: "training episode",
        yLabel: "completion rate",
        colors,
        series: perEpisode("completion_rate"),
      }),
    ]),
    figureRow([
      lineChart({
        title: "Greedy policy's return during training",
        xLabel: "training episode",
        yLabel: "return (1 = reaches the goal)",
        colors,
        series: results.curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.step ?? 0, y: point.gold })),
        })),
      }),
      lineChart({
        title: `Steps re-entering a state already visited (last ${window} episodes)`,
        xLabel: "training episode",
        yLabel: "revisits per step",
        colors,
        series: perEpisode("revisits_per_step"),
      }),
    ]),
    htmlTable(
      ["planned problem", "states with other optimal actions", "max |V*′ − (V* − Φ)|"],
      [
        [
          good,
          String(results.invariance.potential_disagreements),
          results.invariance.potential_value_error.toExponential(2),
        ],
        [
          "Φ random",
          String(results.invariance.random_potential_disagreements),
          results.invariance.random_potential_value_error.toExponential(2),
        ],
        ["progress bonus", String(results.invariance.progress_disagreements), "(not a potential)"],
      ],
    ),
    settingsSection(results.settings, results.seed),
  ];
}
