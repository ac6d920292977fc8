import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults } from "../results.js";
import { environmentFrame } from "./frames.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type SubmodularResults = LabResults & {
  references: { random_walk_coverage: number; myopic_greedy_coverage: number; floor_cells: number };
};

export function submodularReport(results: SubmodularResults, world: { frame: string }): string[] {
  const colors = new SeriesColors();
  const episodes = (results.curves[0]?.points.at(-1)?.step ?? 1) as number;
  const flat = (name: string, value: number) => ({
    name,
    dashed: true,
    points: [
      { x: 0, y: value },
      { x: episodes, y: value },
    ],
  });
  return [
    paragraph(
      "A walled room walked for H steps from the top-left corner; each visited cell covers itself and its four neighbours, and an episode is worth F(τ), the number of distinct cells covered (the layout's goal mark is an ordinary cell here). Three REINFORCE learners (the env room's agent, discount 1, value baseline): SubPO — the reward of a step is its marginal gain ΔF (compose's MarginalGains) and the policy sees the covered map; a Markovian policy (cell and time only) trained on the per-step reward (the cells the step's footprint covers, counted again on every visit); and a Markovian policy trained on the marginal gains. Coverage is measured on episodes sampled from each policy.",
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "Coverage F(τ) of the learnt policies",
        xLabel: "training episode",
        yLabel: "distinct cells covered",
        colors,
        series: [
          ...results.curves.map((curve) => ({
            name: curve.method,
            points: curve.points.map((point) => ({ x: point.step ?? 0, y: point.gold })),
          })),
          flat("random walk", results.references.random_walk_coverage),
          flat("myopic greedy", results.references.myopic_greedy_coverage),
        ],
      }),
      lineChart({
        title: "Return on the reward each learner was trained on",
        xLabel: "training episode",
        yLabel: "training return",
        colors,
        series: results.curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.step ?? 0, y: point.proxy })),
        })),
      }),
    ]),
    figureRow([environmentFrame(world.frame, "The room (A: where every episode starts).")]),
    htmlTable(
      ["reference", "coverage"],
      [
        ["floor cells", String(results.references.floor_cells)],
        ["random walk", results.references.random_walk_coverage.toFixed(2)],
        ["myopic greedy on the true gains", results.references.myopic_greedy_coverage.toFixed(2)],
      ],
    ),
    settingsSection(results.settings, results.seed),
  ];
}
