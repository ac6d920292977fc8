import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { LabResults, MeasuredCurve } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

type MetaResults = LabResults<MeasuredCurve> & {
  modes: { name: string; probabilities: number[] }[];
  by_size: {
    size: number;
    unseen: boolean;
    latent_conditioned: number;
    true_latent: number;
    single_policy: number;
    best_response: number;
  }[];
  greedy_actions: Record<string, string | number>[];
};

/** report.html of the meta-representation experiment: training, adaptation on unseen sizes, returns by size. */
export function metaRepresentationReport(results: MetaResults): string[] {
  const colors = new SeriesColors();
  const chart = (x: string, title: string) => {
    const curves = results.curves.filter((curve) => curve.x === x);
    return lineChart({
      title,
      xLabel: x,
      yLabel: curves[0]?.y ?? "mean payoff per round",
      colors,
      series: curves.map((curve) => ({
        name: curve.method,
        points: curve.points.map(({ x, y }) => ({ x, y })),
      })),
    });
  };
  const methods = ["latent_conditioned", "true_latent", "single_policy", "best_response"] as const;
  const names = [
    "latent-conditioned",
    "latent-conditioned, true latent",
    "single policy",
    "best response (exact)",
  ];
  const bySize = lineChart({
    title: "Return by population size (after adaptation)",
    xLabel: "population size (unseen: 5, 7, 9 by default)",
    yLabel: "mean payoff per round",
    colors,
    series: methods.map((key, index) => ({
      name: names[index] as string,
      points: results.by_size.map((row) => ({ x: row.size, y: row[key] })),
    })),
  });
  const modes = results.modes
    .map(
      (mode) =>
        `${mode.name} (left ${mode.probabilities[0]}, right ${mode.probabilities[1]}, home ${mode.probabilities[2]})`,
    )
    .join("; ");
  return [
    paragraph(
      `Reconstructed from Meta Representations for MARL (no public code used). A choose-a-side game: each round the learner and the other players each go left, go right or stay home; going pays +1 when fewer than ${String(results.settings.capacity)} others chose the same venue, −1 otherwise; home pays 0. The others follow the population's strategy mode — ${modes} — so the best response depends on the mode and on the population size. The latent-conditioned policy has one value head per mode of a categorical latent (the mode is given as the latent while training); on a game it starts from a uniform belief over the latent and updates it after each episode from the others' observed choices (Bayes, the modes' signatures counted in training) — it adapts by inference, not retraining. The single policy is the same learner with one head. Unseen sizes are read by interpolating the heads between trained sizes.`,
    ),
    claimsSection(results.claims),
    figureRow([
      chart("training episode", "Training (ε-greedy)"),
      chart("episode on the unseen sizes", "Adaptation on unseen population sizes"),
      bySize,
    ]),
    htmlTable(
      ["size", "unseen", "latent-conditioned", "true latent", "single policy", "best response"],
      results.by_size.map((row) => [
        String(row.size),
        row.unseen ? "yes" : "",
        row.latent_conditioned.toFixed(3),
        row.true_latent.toFixed(3),
        row.single_policy.toFixed(3),
        row.best_response.toFixed(3),
      ]),
    ),
    htmlTable(
      Object.keys(results.greedy_actions[0] ?? {}),
      results.greedy_actions.map((row) => Object.values(row).map(String)),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
