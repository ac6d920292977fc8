import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type SubgoalResults = LabResults<MeasuredCurve> & {
  scores: Record<string, { team_return: number; coordination_rate: number }>;
  mean_steps_when_coordinated: Record<string, number | null>;
  shortest_possible_steps: number;
};

/** report.html of subgoal-marl: greedy team return and success over training, final scores. */
export function subgoalReport(results: SubgoalResults): string[] {
  const colors = new SeriesColors();
  const chart = (key: "y" | "success", title: string, yLabel: string) =>
    lineChart({
      title,
      xLabel: "training episode",
      yLabel,
      colors,
      series: results.curves.map((curve) => ({
        name: curve.method,
        points: curve.points.map((point) => ({ x: point.x, y: point[key] ?? 0 })),
      })),
    });
  return [
    paragraph(
      `Reconstructed (no public code used). Two agents start in the bottom corners of a ${String(results.settings.width)} × ${String(results.settings.width)} grid; the team reward is 1 only when both buttons on the top row are pressed at once (one agent each), which ends the episode. Independent Q-learners and a tabular QMIX-style monotonic mixer (Q_tot = Σ|w_i(s)|·Q_i + b(s)) learn on the joint state from the team reward; the hierarchical learner's high level generates each agent's subgoal cell with the same kind of mixer over per-agent subgoal utilities (again whenever both subgoals are reached without the reward), and each agent's low level learns to reach any subgoal from an intrinsic +1. Team return = γ^(steps−1) when the buttons are pressed; coordination rate = share of evaluation episodes that press both (moves random with probability ${String(results.settings.action_noise)}). Shortest possible: ${String(results.shortest_possible_steps)} steps.`,
    ),
    claimsSection(results.claims),
    figureRow([
      chart("y", "Team return of the greedy policy", "γ^(steps−1) if both pressed"),
      chart("success", "Greedy policy coordinates", "1 = both buttons pressed"),
    ]),
    htmlTable(
      ["learner", "team return", "coordination rate", "mean steps when coordinated"],
      Object.entries(results.scores).map(([name, score]) => [
        name,
        score.team_return.toFixed(3),
        score.coordination_rate.toFixed(3),
        results.mean_steps_when_coordinated[name]?.toFixed(2) ?? "never coordinated",
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
