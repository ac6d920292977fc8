import type { DeceptiveMazeSettings } from "../../env/index.js";
import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { environmentFrame } from "./frames.js";
import { mazeArchive } from "./maze-archive.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type QualityDiversityResults = LabResults<MeasuredCurve> & {
  summary: {
    method: string;
    best_reward: number;
    coverage: number;
    closest_distance: number;
    first_reward_at: number | null;
  }[];
  final_positions: { method: string; positions: [number, number][] }[];
};

export function qualityDiversityReport(
  results: QualityDiversityResults,
  world: { frame: string; settings: DeceptiveMazeSettings },
): string[] {
  const colors = new SeriesColors();
  const radius = Number(results.settings.reward_radius ?? 1);
  const chart = (key: "y" | "coverage", title: string, yLabel: string) =>
    lineChart({
      title,
      xLabel: "evaluations",
      yLabel,
      colors,
      series: results.curves.map((curve) => ({
        name: curve.method,
        points: curve.points.map((point) => ({
          x: point.x,
          y: key === "y" ? point.y : (point.coverage as number),
        })),
      })),
    });
  return [
    paragraph(
      "The env room's deceptive maze (a point robot with eight rangefinders; the goal straight above the start, behind a wall) driven by a small network whose weights are the genome. The reward is sparse: 1 − d/R within R of the goal at the episode's end, 0 elsewhere. Every method gets the same number of evaluations. Fitness-only evolution selects on −(final distance), the deceptive signal; novelty search selects on novelty of the final position (k-nearest neighbours over population, offspring and archive); SERENE alternates novelty search with reward emitters (reconstructed: (1 + λ) mutation emitters instead of CMA-ES); STAX replaces the final position by the latent code of an autoencoder trained online on the final rangefinder readings (reconstructed); MAP-Elites keeps one elite per cell of a grid over the final position. Coverage: the share of a grid over the arena where some evaluated controller ended.",
    ),
    claimsSection(results.claims),
    figureRow([
      environmentFrame(world.frame, "The maze: robot (red) at the start, goal (green) behind the wall."),
      chart("y", "Best reward found", "best reward"),
      chart("coverage", "Coverage of the maze", "share of cells reached"),
    ]),
    "<h2>Where each search ended (every 5th evaluation)</h2>",
    figureRow(
      results.final_positions.map((run) =>
        mazeArchive({
          title: run.method,
          size: world.settings.arena.size,
          walls: world.settings.arena.walls,
          goal: world.settings.goal,
          rewardRadius: radius,
          positions: run.positions,
          color: colors.style(run.method).color,
        }),
      ),
    ),
    htmlTable(
      ["method", "best reward", "coverage", "closest final distance", "first reward at evaluation"],
      results.summary.map((row) => [
        row.method,
        row.best_reward.toFixed(3),
        row.coverage.toFixed(2),
        row.closest_distance.toFixed(2),
        row.first_reward_at === null ? "never" : String(row.first_reward_at),
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
