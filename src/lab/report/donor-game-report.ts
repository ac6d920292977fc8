import { lineChart, SeriesColors } from "../../report/index.js";
import type { DonorSeries } from "../experiments/donor-game-series.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { matrixHeatmap } from "./matrix-heatmap.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type DonorGameResults = LabResults<MeasuredCurve> & {
  generations: DonorSeries[];
  reputation_matrices: { condition: string; donor_to_recipient: (number | null)[][] }[];
};

export function donorGameReport(results: DonorGameResults): string[] {
  const colors = new SeriesColors();
  const perGeneration = (key: "donation_fraction" | "punishment_rate" | "median_resources") =>
    results.generations.map((series) => ({
      name: series.condition,
      points: series.generations.map((item) => ({
        x: item.generation,
        y: key === "median_resources" ? Math.log10(Math.max(1e-9, item[key])) : item[key],
      })),
    }));
  const mode =
    results.settings.mode === "llm"
      ? `LLM agents (${String(results.settings.model)})`
      : "scripted strategy families";
  return [
    paragraph(
      `Agents: ${mode}. Each generation every agent starts with ${String(results.settings.endowment)} units; each round the agents form a random cycle and each donates to the next (the recipient gets ×${String(results.settings.multiplier)}); donors see the recipient's last ${String(results.settings.trace_depth)} actions with the standing of whoever it acted on (recursive traces), except in the hidden arm. The richest half survive; newcomers learn from the survivors' strategies (scripted: a copied parameter vector with Gaussian mutation; LLM: a strategy written from the survivors'). Punishment arms let donors spend x units to remove k·x from the recipient. Scripted rules, the standing norm and the LLM prompts are reconstructed (docs/lab.md).`,
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "Cooperation over generations",
        xLabel: "generation",
        yLabel: "mean share of resources donated",
        colors,
        series: perGeneration("donation_fraction"),
      }),
      lineChart({
        title: "Final resources over generations",
        xLabel: "generation",
        yLabel: "log10 median final resources",
        colors,
        series: perGeneration("median_resources"),
      }),
    ]),
    figureRow([
      lineChart({
        title: "Punishments over generations",
        xLabel: "generation",
        yLabel: "share of actions that punish",
        colors,
        series: perGeneration("punishment_rate"),
      }),
    ]),
    paragraph(
      "Reputation matrices of the last generation (first population of each arm): the mean share of its resources each donor (row) gave each recipient (column); green gives, red punishes, grey never met.",
    ),
    figureRow(
      results.reputation_matrices.map((matrix) =>
        matrixHeatmap({
          title: matrix.condition,
          rowLabel: "donor",
          columnLabel: "recipient",
          values: matrix.donor_to_recipient.map((row) => row.map((value) => value ?? undefined)),
        }),
      ),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
