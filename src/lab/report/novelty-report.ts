import { lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { environmentFrame } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function noveltyReport(results: LabResults<MeasuredCurve>, world: { frame: string }): string[] {
  const colors = new SeriesColors();
  const chart = (key: "y" | "coverage" | "early_clicks" | "length", title: string, yLabel: string) =>
    lineChart({
      title,
      xLabel: "sessions trained",
      yLabel,
      colors,
      series: results.curves.map((curve) => ({
        name: curve.method,
        points: curve.points.map((point) => ({ x: point.x, y: point[key] as number })),
      })),
    });
  return [
    paragraph(
      "The `recommendation` environment (reconstructed, RecSim-like): each session a new user with a taste per topic who tires of familiar topics (the click logit falls with familiarity, items never shown get a bonus) and leaves when their engagement budget runs out. Learners: log-linear policies trained by REINFORCE on the next click (γ = 0 by default, a click-through learner) with and without the novelty + diversity term in the reward; flat (one softmax over items) and hierarchical (a learned intent, then an item scorer per intent). Measured on 100 held-out users, always by the environment's clicks.",
    ),
    claimsSection(results.claims),
    figureRow([
      chart("y", "Clicks per session (long-run engagement)", "clicks"),
      chart("coverage", "Catalogue coverage per session", "distinct items / items"),
    ]),
    figureRow([
      chart("early_clicks", "Short-term engagement", "clicks in the first steps"),
      chart("length", "Session length", "steps before the user leaves"),
    ]),
    figureRow([environmentFrame(world.frame, "A session of the simulator (held-out user).")]),
    settingsSection(results.settings, results.seed),
  ];
}
