import { htmlTable, lineChart } from "../../report/index.js";
import type { DnoIterationStats } from "../../select/index.js";
import type { Curve, LabResults } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function dnoReport(
  results: LabResults & {
    corpus: string;
    win_rates: { method: string; points: { step: number; win_rate: number }[] }[];
    iterations: DnoIterationStats[];
    examples: Record<string, string[]>;
  },
): string[] {
  const curves = results.curves as Curve[];
  return [
    paragraph(
      `The base policy is a tiny character n-gram of ${results.corpus}; fine-tuned copies add logit offsets keyed by the last characters. The preference oracle scores money amounts ($, up to 3) plus 1 for a finished question, and is also the gold. DNO (the select room's dnoIteration, as \`rewardkit generate dno\` runs it against a server): each iteration samples k continuations a prompt from the current policy π_t, pairs the best against the worst when their margin is large enough, and takes one DPO epoch with π_t as the reference. Offline pairs: the same number of samples drawn from the base at once, mined in groups of k, one DPO epoch over them all against the base. The gold win rate compares a policy's samples with the base's, prompt by prompt (ties ½).`,
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "gold win rate against the base",
        xLabel: "iteration",
        yLabel: "win rate",
        series: results.win_rates.map((entry) => ({
          name: entry.method,
          points: entry.points.map((point) => ({ x: point.step, y: point.win_rate })),
        })),
      }),
      lineChart({
        title: "mean gold reward against KL",
        xLabel: "KL(π ‖ π_base), nats",
        yLabel: "mean reward",
        series: curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.kl, y: point.gold })),
        })),
      }),
    ]),
    "<h2>DNO iterations (the statistics `rewardkit generate dno` writes)</h2>",
    htmlTable(
      ["iteration", "pairs", "prompts with a pair", "margin", "reward (samples)", "chosen", "rejected"],
      results.iterations.map((entry) => [
        entry.round,
        entry.pairs,
        entry.prompts_with_pairs,
        entry.margin_mean.toFixed(3),
        entry.reward_mean.toFixed(3),
        entry.chosen_reward_mean.toFixed(3),
        entry.rejected_reward_mean.toFixed(3),
      ]),
    ),
    "<h2>Samples</h2>",
    htmlTable(
      ["policy", "sample"],
      Object.entries(results.examples).flatMap(([method, texts]) => texts.map((text) => [method, text])),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
