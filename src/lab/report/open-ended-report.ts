import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { Claim } from "../results.js";
import type { GenerationScore } from "../worlds/open-ended-scores.js";
import { environmentFrame } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

/** report.html of `open-ended`: participation and percentile curves over generations, a task frame, the table. */
export function openEndedReport(input: {
  claims: readonly Claim[];
  scores: readonly GenerationScore[];
  settings: Record<string, unknown>;
  seed: number;
  frame: { svg: string; goal: string };
}): string[] {
  const colors = new SeriesColors();
  const methods = [...new Set(input.scores.map((score) => score.method))];
  const chart = (key: "participation" | "p10" | "p50", title: string) =>
    lineChart({
      title,
      xLabel: "generation",
      yLabel: key === "participation" ? "share of held-out tasks" : "normalized score",
      colors,
      series: methods.map((method) => ({
        name: method,
        points: input.scores
          .filter((score) => score.method === method)
          .map((score) => ({ x: score.generation, y: score[key] })),
      })),
    });
  return [
    paragraph(
      "A procedurally generated space of goal tasks (the env room's goal-tasks: small walled worlds with coloured objects and goals over holding and nearness, XLand-like, reconstructed at grid scale), reward 1 for every step the goal holds. A goal-conditioned tabular Q-learner (its table keyed by the goal's predicates and the agent's offsets to the objects they name, not by the task) trains for equal environment steps per generation under uniform task sampling or XLand's filter (probe a candidate task, keep training on it only when the agent's success rate is inside the band; reconstructed). Generations continue from the previous table with the filter re-fit (reconstructed). Held-out tasks are scored as XLand does: each task's return divided by the best return any method or generation got on it; participation is the share of tasks with a nonzero return.",
    ),
    claimsSection(input.claims),
    figureRow([
      chart("participation", "Participation on held-out tasks"),
      chart("p10", "10th percentile of normalized score"),
      chart("p50", "50th percentile of normalized score"),
    ]),
    figureRow([environmentFrame(input.frame.svg, `A held-out task: ${input.frame.goal}.`)]),
    htmlTable(
      ["method", "generation", "participation", "p10", "p50"],
      input.scores.map((score) => [
        score.method,
        String(score.generation),
        score.participation.toFixed(3),
        score.p10.toFixed(3),
        score.p50.toFixed(3),
      ]),
    ),
    settingsSection(input.settings, input.seed),
  ];
}
