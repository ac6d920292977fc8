import { htmlTable, lineChart } from "../../report/index.js";
import type { LabResults } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type Evaluation = {
  step: number;
  pass_at_1: number;
  pass_at_k: number;
  distinct_correct: number;
  kl: number;
};

export function bstarReport(
  results: LabResults & {
    corpus: string;
    evaluations: { method: string; points: Evaluation[] }[];
    chosen: {
      method: string;
      rounds: { round: number; temperature: number; threshold: number; balance: number; selected: number }[];
    }[];
  },
): string[] {
  const chart = (title: string, yLabel: string, key: keyof Evaluation) =>
    lineChart({
      title,
      xLabel: "round",
      yLabel,
      series: results.evaluations.map((entry) => ({
        name: entry.method,
        points: entry.points.map((point) => ({ x: point.step, y: point[key] })),
      })),
    });
  const adaptive = results.chosen.find((entry) => entry.method === "b_star");
  return [
    paragraph(
      `The base policy is a tiny character n-gram of ${results.corpus}. A response is correct (the verifier) when it is a finished question naming a money amount; the reward that selects training data is graded and imperfect: money amounts ($, up to 3) plus 1 for a finished question, so an unfinished text with three amounts outscores a correct one. Each round samples k responses a prompt, keeps the distinct ones whose reward is above the threshold and fine-tunes one epoch on them. B-STaR (the select room's bstarRound, as \`rewardkit generate bstar\` runs it) first samples a probe subset at every candidate temperature and picks the (temperature, threshold) with the best balance score; the fixed settings use one of each throughout. Policies are evaluated at temperature 1: pass@1 (accuracy), pass@k and distinct correct answers (exploration).`,
    ),
    claimsSection(results.claims),
    figureRow([
      chart("accuracy: pass@1", "pass@1", "pass_at_1"),
      chart("exploration: pass@k", "pass@k", "pass_at_k"),
      chart("exploration: distinct correct a prompt", "distinct correct", "distinct_correct"),
      chart("KL to the base", "nats", "kl"),
    ]),
    "<h2>B-STaR's choices per round</h2>",
    htmlTable(
      ["round", "temperature", "threshold", "balance score", "selected"],
      (adaptive?.rounds ?? []).map((round) => [
        round.round,
        round.temperature,
        round.threshold,
        round.balance.toFixed(3),
        round.selected,
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
