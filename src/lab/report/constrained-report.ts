import { htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { ComponentSeries } from "../experiments/constrained.js";
import type { Curve, LabResults } from "../results.js";
import { claimsSection, figureRow, paragraph, settingsSection } from "./sections.js";

export function constrainedReport(
  results: LabResults & {
    proxy_points: number[];
    components: ComponentSeries[];
    nelder_mead: {
      best_thresholds: number[];
      best_gold: number;
      evaluations: number;
      iterations: number;
      steps: number;
      trace: { thresholds: number[]; gold: number; steps: number }[];
    };
  },
): string[] {
  const colors = new SeriesColors();
  const byStep = (value: "gold" | "kl") =>
    results.curves.map((curve: Curve) => ({
      name: curve.method,
      points: curve.points.map((point) => ({ x: point.step ?? 0, y: point[value] })),
    }));
  const componentChart = (index: number) =>
    lineChart({
      title: `Component ${index + 1} (expected value)`,
      xLabel: "training step",
      yLabel: `v${index + 1}`,
      colors,
      series: [
        ...results.components.map((series) => ({
          name: series.method,
          points: series.points.map((point) => ({ x: point.step, y: point.values[index] as number })),
        })),
        {
          name: "proxy point",
          dashed: true,
          points: [
            0,
            Math.max(...results.components.flatMap((series) => series.points.map((point) => point.step))),
          ].map((x) => ({
            x,
            y: results.proxy_points[index] as number,
          })),
        },
      ],
    });
  // Charts are drawn in page order, so the colours follow the first chart's method order.
  const multiplierChart = () =>
    lineChart({
      title: "Squashed Lagrange multipliers",
      xLabel: "training step",
      yLabel: "λ",
      colors,
      series: results.components
        .filter((series) => series.points.some((point) => point.multipliers.length > 0))
        .flatMap((series) =>
          [0, 1].map((index) => ({
            name: `${series.method} λ${index + 1}`,
            colorKey: series.method,
            dashed: index === 1,
            points: series.points
              .filter((point) => point.multipliers.length > 0)
              .map((point) => ({ x: point.step, y: point.multipliers[index] as number })),
          })),
        ),
    });
  const nm = results.nelder_mead;
  return [
    paragraph(
      "Two correlated component reward models (values in (0, 1), like METEOR and intent accuracy) and a gold evaluation that rises with each only up to a point. The fixed-weight run optimizes w·c − β·KL; its gold peak gives the proxy points θ (each component's expected value there). ξ-PPO (equality, tanh) and μ-PPO (inequality, sigmoid) maximize the KL reward subject to the components at/above θ, with the composition room's mixedAdvantages and multiplierStep (lagrange_lr 0.1, momentum 0.1, grad-norm clip 0.5). NM-PPO searches θ with the composition room's nelderMead on −gold, each evaluation continuing one training run.",
    ),
    claimsSection(results.claims),
    figureRow([
      lineChart({
        title: "Gold evaluation",
        xLabel: "training step",
        yLabel: "gold",
        colors,
        series: byStep("gold"),
      }),
      lineChart({
        title: "KL to the base policy",
        xLabel: "training step",
        yLabel: "KL (nats)",
        colors,
        series: byStep("kl"),
      }),
    ]),
    figureRow([componentChart(0), componentChart(1)]),
    figureRow([multiplierChart()]),
    "<h2>Nelder–Mead threshold search</h2>",
    paragraph(
      `Best thresholds (${nm.best_thresholds.map((value) => value.toFixed(3)).join(", ")}) with gold ${nm.best_gold.toFixed(3)} after ${nm.evaluations} evaluations, ${nm.iterations} iterations, ${nm.steps} training steps; proxy points read off the fixed-weight run: ${results.proxy_points.map((value) => value.toFixed(3)).join(", ")}.`,
    ),
    htmlTable(
      ["evaluation", "θ1", "θ2", "gold", "steps so far"],
      nm.trace.map((entry, index) => [
        index + 1,
        entry.thresholds[0]?.toFixed(3) ?? "",
        entry.thresholds[1]?.toFixed(3) ?? "",
        entry.gold.toFixed(3),
        entry.steps,
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
