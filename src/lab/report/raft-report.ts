import { htmlTable, lineChart } from "../../report/index.js";
import type { RaftRoundStats } from "../../select/index.js";
import type { Curve, LabResults } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type Diversity = { method: string; points: { step: number; entropy: number; distinct2: number }[] }[];

export function raftReport(
  results: LabResults & {
    corpus: string;
    diversity: Diversity;
    raft_rounds: RaftRoundStats[];
    examples: Record<string, string[]>;
  },
): string[] {
  const curves = results.curves as Curve[];
  return [
    paragraph(
      `A tiny character language model (a Witten–Bell n-gram of ${results.corpus}) is the base policy; its fine-tuned copies add logit offsets keyed by the last characters, trained by exact SFT gradients. The reward counts money amounts ($, up to 3) plus 1 for a finished question. RAFT (the select room's raftRound, the same code \`rewardkit generate raft\` runs against a server): each round samples k continuations a prompt from the current policy, keeps each prompt's best and fine-tunes one epoch on them. Best-of-n fine-tuning spends the same budget at once: n = rounds × k base samples a prompt, the best kept, as many epochs. Policies are evaluated on fresh samples; KL(π ‖ π_base) is exact per character along them.`,
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "reward of the policy",
        xLabel: "round (best-of-n FT: epoch)",
        yLabel: "mean reward",
        series: curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.step ?? 0, y: point.proxy })),
        })),
      }),
      lineChart({
        title: "diversity: entropy per character",
        xLabel: "round (best-of-n FT: epoch)",
        yLabel: "nats",
        series: results.diversity.map((entry) => ({
          name: entry.method,
          points: entry.points.map((point) => ({ x: point.step, y: point.entropy })),
        })),
      }),
      lineChart({
        title: "diversity: distinct-2",
        xLabel: "round (best-of-n FT: epoch)",
        yLabel: "distinct word bigrams",
        series: results.diversity.map((entry) => ({
          name: entry.method,
          points: entry.points.map((point) => ({ x: point.step, y: point.distinct2 })),
        })),
      }),
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
    "<h2>RAFT rounds (the statistics `rewardkit generate raft` writes)</h2>",
    htmlTable(
      [
        "round",
        "reward (samples)",
        "best per prompt",
        "selected reward",
        "distinct-2 (samples)",
        "distinct-2 (selected)",
      ],
      results.raft_rounds.map((round) => [
        round.round,
        round.reward_mean.toFixed(3),
        round.best_reward_mean.toFixed(3),
        round.selected_reward_mean.toFixed(3),
        round.distinct_2.toFixed(3),
        round.distinct_2_selected.toFixed(3),
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
