import { lineChart } from "../../report/index.js";
import type { Curve, LabResults } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function pairwisePpoReport(results: LabResults & { shift_spread: number }): string[] {
  const curves = results.curves as Curve[];
  return [
    paragraph(
      `A contextual bandit (each prompt a softmax over its candidate responses, base logits and rewards drawn N(0, 1)) trained by two optimizers on the same samples: P3O (Wu et al. 2023; a pair per prompt, the clipped trajectory-wise objective on Δ = R(y1) − R(y2), separate or joint clipping — reconstructed, no public code) and PPO's clipped surrogate with a learned value baseline V(x) (advantage R − V). Both fold the KL penalty into the reward, R = r − β·log(π_old/π_base). The "_shifted" runs add a constant c(x) per prompt (root mean square ${results.shift_spread.toFixed(2)}) to every reward of that prompt and reuse the same sampling stream, so any difference from the plain run is the shift's doing. Reward is the exact expected reward minus the base policy's; KL(π ‖ π_base) is exact.`,
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "reward over training",
        xLabel: "step",
        yLabel: "expected reward − base",
        series: curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.step ?? 0, y: point.gold })),
        })),
      }),
      lineChart({
        title: "reward against KL",
        xLabel: "KL(π ‖ π_base), nats",
        yLabel: "expected reward − base",
        series: curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.kl, y: point.gold })),
        })),
      }),
    ]),
    settingsSection(results.settings, results.seed),
  ];
}
