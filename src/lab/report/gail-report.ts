import { lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { environmentFrame } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function gailReport(
  results: LabResults<MeasuredCurve> & { expertReturn: number; randomReturn: number },
  world: { frame: string },
): string[] {
  const colors = new SeriesColors();
  return [
    paragraph(
      `The point-mass world: a mass on the unit square pushed by five discrete thrusts toward a goal disc; the true reward (−distance each step) is never shown to the learner. Expert: a PD controller (true return ${results.expertReturn.toFixed(2)}; uniform random ${results.randomReturn.toFixed(2)}). Learner: DQN whose replayed batches are relabelled with the discriminator's current reward −log(1 − D(s, a)) (off-policy GAIL, reconstructed with DQN for discrete actions); the discriminator is trained on expert (s, a) against replayed learner (s, a), with or without the gradient penalty λ·E[(‖∇D(x̂)‖ − k)²] at interpolates, and with pessimistic preconditioning of the reward.`,
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "Imitation return (greedy policy, true reward)",
        xLabel: "environment steps",
        yLabel: "normalized return (expert 1, random 0)",
        colors,
        series: results.curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.x, y: point.y })),
        })),
      }),
      lineChart({
        title: "Discriminator logit slope on visited (s, a)",
        xLabel: "environment steps",
        yLabel: "mean ‖∇ₓ s(x)‖",
        colors,
        series: results.curves.map((curve) => ({
          name: curve.method,
          points: curve.points
            .filter((point) => point.logit_slope !== undefined)
            .map((point) => ({ x: point.x, y: point.logit_slope as number })),
        })),
      }),
    ]),
    figureRow([environmentFrame(world.frame, "The point mass (blue) and the goal disc (green).")]),
    settingsSection(results.settings, results.seed),
  ];
}
