import { htmlTable, lineChart } from "../../report/index.js";
import type { Curve, LabResults } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function vasReport(
  results: LabResults & {
    corpus: string;
    vas: { beta: number; reward: number; kl: number; outside: number }[];
  },
): string[] {
  const curves = results.curves as Curve[];
  return [
    paragraph(
      `The frozen base model is a tiny character n-gram of ${results.corpus}; the reward counts money amounts ($, up to 3) plus 1 for a finished question. A linear value head over prefixes (a bag of characters and the last characters) is fit by TD(λ) on the base model's own samples, scored at their end. VAS (the select room's vasDecode, as \`rewardkit generate vas\` runs it over a server's top logprobs) reweights the top-k next characters by β times the centred value of the prefix each makes; its KL to the base model is exact per step, summed along each text. Best-of-n is estimated without bias from 32 samples a prompt, with KL log n − (n − 1)/n.`,
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "reward against KL",
        xLabel: "KL(π ‖ π_base), nats",
        yLabel: "mean reward",
        series: curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.kl, y: point.proxy })),
        })),
      }),
    ]),
    htmlTable(
      ["β", "reward", "KL (nats)", "tokens from outside the top-k"],
      results.vas.map((entry) => [entry.beta, entry.reward.toFixed(3), entry.kl.toFixed(3), entry.outside]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
