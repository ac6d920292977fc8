import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { environmentFrame } from "./frames.js";
import { gridDistribution } from "./grid-distribution.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type GflownetResults = LabResults<MeasuredCurve> & {
  summary: {
    method: string;
    final_l1: number | null;
    modes_found: number | null;
    covered_modes: number;
    top_state_probability: number;
  }[];
  outcome_reach_probability: number;
  target: number[];
  distributions: { method: string; probabilities: number[] }[];
};

/** The marginal over the first two coordinates (index = x0 + x1·H + …), for heatmaps of any D. */
function firstTwoMarginal(probabilities: readonly number[], side: number): number[] {
  const marginal = new Array<number>(side * side).fill(0);
  probabilities.forEach((value, index) => {
    const cell = index % (side * side);
    marginal[cell] = (marginal[cell] as number) + value;
  });
  return marginal;
}

export function gflownetReport(results: GflownetResults, world: { frame: string; side: number }): string[] {
  const colors = new SeriesColors();
  const training = results.curves.filter((curve) => curve.x === "training step");
  const adaptation = results.curves.filter((curve) => curve.x === "adaptation step");
  const chart = (key: "y" | "exact_l1" | "modes_found" | "mean_reward", title: string, yLabel: string) =>
    lineChart({
      title,
      xLabel: "training step",
      yLabel,
      colors,
      series: training.map((curve) => ({
        name: curve.method,
        points: curve.points.map((point) => ({
          x: point.x,
          y: key === "y" ? point.y : (point[key] as number),
        })),
      })),
    });
  const target = firstTwoMarginal(results.target, world.side);
  const panels = [
    { title: "target R(x)/Z", probabilities: target },
    ...results.distributions.map((run) => ({
      title: `${run.method} sampler`,
      probabilities: firstTwoMarginal(run.probabilities, world.side),
    })),
  ];
  const scale = Math.max(...target) * 1.5;
  return [
    paragraph(
      "The env room's hypergrid (Bengio et al. 2021's reward R0 + R1·[plateau] + R2·[ring], 2^D ring modes). Each sampler starts at the origin, increments coordinates and stops; every state can be terminal. Both methods train the same TABULAR policy (logits per state, masked at the edges; reconstructed — the papers use an MLP) from uniform logits, on-policy, with Adam. Trajectory balance (Malkin et al. 2022) minimizes (log Z + Σ log P_F − log R(x) − Σ log P_B)² with a uniform backward policy and a learned log Z; REINFORCE maximizes the expected terminal reward with a batch-mean baseline. L1 is torchgfn's mean over states of |p̂(x) − R(x)/Z|, p̂ the empirical distribution of the last `window` sampled terminal states; 'exact' uses the sampler's terminating distribution computed over the DAG. Heatmaps show the first two coordinates' marginal (colour scale: 1.5 × the target's largest cell).",
    ),
    claimsSection(results.claims),
    figureRow([
      chart("y", "Empirical L1 to the target", "mean |p̂ − R/Z|"),
      chart("exact_l1", "Exact L1 of the sampler", "mean |P_T − R/Z|"),
      chart("modes_found", "Modes found during training", "distinct modes sampled"),
      chart("mean_reward", "Mean reward of the samples", "mean R(x) since last checkpoint"),
    ]),
    "<h2>Outcome-conditioned pre-training, then a new reward</h2>",
    paragraph(
      `Reconstructed from Pan et al. 2024 (OC-GFN): a tabular GFlowNet conditioned on a target outcome y is pre-trained without the task reward (R_y(x) = 1 if x = y, else a small floor; trajectory balance on each sampled trajectory and on its hindsight relabelling y := x). Its mean probability of reaching the asked outcome is ${Number(results.outcome_reach_probability).toFixed(3)}. The new reward is the hypergrid's with every coordinate shifted by H/2 (modes in the middle). Adapting learns only q(y) with the OC-GFN frozen, by a one-step trajectory balance (log Z + log q(y) − log R'(x))²; TB from scratch trains the whole tabular policy on the new reward. Both at the same batch size and learning rates; L1 is exact (the sampler's terminating distribution).`,
    ),
    figureRow([
      lineChart({
        title: "Adapting to a new reward",
        xLabel: "adaptation step",
        yLabel: "exact L1 to R'(x)/Z'",
        colors,
        series: adaptation.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.x, y: point.y })),
        })),
      }),
    ]),
    "<h2>Target and trained samplers</h2>",
    figureRow([
      environmentFrame(
        world.frame,
        "The hypergrid: ring modes dark green, plateaus light green, the start (red) at the origin.",
      ),
      ...panels.map((panel) =>
        gridDistribution({ title: panel.title, side: world.side, probabilities: panel.probabilities, scale }),
      ),
    ]),
    htmlTable(
      [
        "method",
        "final empirical L1",
        "modes found",
        "modes covered by the final sampler",
        "largest state probability",
      ],
      results.summary.map((row) => [
        row.method,
        row.final_l1 === null ? "none" : row.final_l1.toFixed(5),
        row.modes_found === null ? "none" : String(row.modes_found),
        String(row.covered_modes),
        row.top_state_probability.toFixed(3),
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
