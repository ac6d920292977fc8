import type { GridLayout } from "../../env/index.js";
import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { coverageMap } from "./coverage-map.js";
import { environmentFrame, movingAverage, thinned } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type ExplorationResults = LabResults<MeasuredCurve> & {
  late: {
    setting: string;
    method: string;
    late_return: number;
    late_success: number;
    late_distinct_cells: number;
  }[];
  training: { setting: string; method: string; returns: number[]; distinct_cells: number[] }[];
  singleton_visits: { method: string; visits: number[] }[];
};

interface MazeFrame {
  svg: string;
  layout: GridLayout;
}

export function explorationReport(
  results: ExplorationResults,
  worlds: { singleton: MazeFrame; contextual: MazeFrame },
): string[] {
  const colors = new SeriesColors();
  const window = Number(results.settings.window ?? 20);
  const chart = (setting: string, key: "returns" | "distinct_cells", title: string, yLabel: string) =>
    lineChart({
      title,
      xLabel: "training episode",
      yLabel,
      colors,
      series: results.training
        .filter((run) => run.setting === setting)
        .map((run) => ({
          name: run.method,
          points: thinned(movingAverage(run[key], window), Math.max(1, Math.floor(run[key].length / 60))),
        })),
    });
  const { layout } = worlds.singleton;
  const walls = Array.from(layout.cells, (cell) => (cell === 1 ? 1 : 0));
  return [
    paragraph(
      "Depth-first-search mazes (the env room's sparse-maze) with MiniGrid's sparse time-penalty reward 1 − 0.9·t/T at the goal, the maze's farthest cell. The learner is the env room's tabular Q-learning over a small view with episodic memory (for each neighbour: wall, goal, visited this episode, not yet visited; plus the position in the singleton MDP) — reconstructed: the papers' agents are recurrent networks. Bonuses are added to the learner's reward, r = r_ext + β·b with b divided by its running std (e3b's reward_norm): episodic first-visit counts and E3B (elliptical bonus on an inverse-dynamics embedding, reset every episode), global position counts 1/√N and RND (never reset), and the product of the episodic and global counts. Contextual MDP: a new maze every episode; singleton MDP: one maze.",
    ),
    claimsSection(results.claims),
    figureRow([
      environmentFrame(worlds.contextual.svg, "A contextual-MDP maze (a new one every episode)."),
      environmentFrame(worlds.singleton.svg, "The singleton MDP's one maze."),
    ]),
    figureRow([
      chart("contextual", "returns", `Contextual MDP: extrinsic return (last ${window} episodes)`, "return"),
      chart("singleton", "returns", `Singleton MDP: extrinsic return (last ${window} episodes)`, "return"),
    ]),
    figureRow([
      chart("contextual", "distinct_cells", "Contextual MDP: distinct cells per episode", "cells"),
      chart("singleton", "distinct_cells", "Singleton MDP: distinct cells per episode", "cells"),
    ]),
    "<h2>Coverage of the singleton maze over training</h2>",
    figureRow(
      results.singleton_visits.map((run) =>
        coverageMap({
          title: run.method,
          width: layout.width,
          height: layout.height,
          walls,
          visits: run.visits,
          goal: layout.goal,
        }),
      ),
    ),
    htmlTable(
      ["setting", "method", "return (2nd half)", "success (2nd half)", "distinct cells (2nd half)"],
      results.late.map((row) => [
        row.setting,
        row.method,
        row.late_return.toFixed(3),
        row.late_success.toFixed(3),
        row.late_distinct_cells.toFixed(1),
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
