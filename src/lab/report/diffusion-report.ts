import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { MethodSummary } from "../experiments/diffusion-claims.js";
import type { LabResults } from "../results.js";
import { claimsSection, curveChart, figureRow, paragraph, settingsSection } from "./sections.js";

export function diffusionReport(
  results: LabResults & {
    methods: MethodSummary[];
    base: { preferredOnMode: number; offManifold: number; ruleMean: number };
  },
): string[] {
  // One colour per method across every plot of the report.
  const colors = new SeriesColors();
  return [
    paragraph(
      "Four Gaussian modes at (±1.5, ±1.5); a tiny velocity network trained by flow matching is the base model, sampled by a 20-step SDE whose steps are Gaussian (so D3PO has per-step log-probabilities). The 'human' prefers the sample further right. Gold = share of samples on a right-hand mode (within 3σ); off-manifold = share on no mode; proxy = mean x (what the rule rewards, without bound); KL = the path KL to the base sampler. D3PO samples pairs online; Flow-DPO and Flow-RWR learn from 2×1024 base samples; online RWR and Ctrl-U optimize an over-confident reward model x + κ(x − 1.5)₊²; DRAGON rewards each sample by its leave-one-out share of the Fréchet distance (in random Fourier features) to exemplars of the preferred modes.",
    ),
    claimsSection(results.claims),
    figureRow([
      curveChart({
        title: "On-mode preferred share (gold) against √KL",
        curves: results.curves,
        value: "gold",
        yLabel: "preferred on-mode share",
        colors,
      }),
      curveChart({
        title: "Rule score (proxy) against √KL",
        curves: results.curves,
        value: "proxy",
        yLabel: "mean x",
        colors,
      }),
    ]),
    figureRow([
      lineChart({
        title: "Gold during training",
        xLabel: "step (rounds or optimizer steps)",
        yLabel: "preferred on-mode share",
        colors,
        series: results.curves.map((curve) => ({
          name: curve.method,
          points: curve.points.map((point) => ({ x: point.step ?? 0, y: point.gold })),
        })),
      }),
    ]),
    htmlTable(
      ["method (end of training)", "preferred on-mode", "off-manifold", "mean x", "KL (path)"],
      [
        [
          "base",
          results.base.preferredOnMode.toFixed(3),
          results.base.offManifold.toFixed(3),
          results.base.ruleMean.toFixed(3),
          "0",
        ],
        ...results.methods.map((entry) => [
          entry.method,
          entry.end.preferredOnMode.toFixed(3),
          entry.end.offManifold.toFixed(3),
          entry.end.ruleMean.toFixed(3),
          entry.end.kl.toFixed(3),
        ]),
      ],
    ),
    settingsSection(results.settings, results.seed),
  ];
}
