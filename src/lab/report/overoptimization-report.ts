import { gaoValue } from "../../diagnose/index.js";
import { htmlTable, SeriesColors } from "../../report/index.js";
import type { CurveFit } from "../experiments/overoptimization.js";
import type { Curve, LabResults } from "../results.js";
import { claimsSection, curveChart, figureRow, paragraph, settingsSection } from "./sections.js";

/** The report of the `overoptimization` experiment. */
export function overoptimizationReport(
  results: LabResults & { fits: CurveFit[]; best_of_n_kl: { n: number; formula: number; exact: number }[] },
): string[] {
  const colors = new SeriesColors();
  const byOptimizer = (optimizer: string) => results.curves.filter((curve) => curve.optimizer === optimizer);
  const fitted = (curves: readonly Curve[], optimizer: string, form: "best_of_n" | "rl") =>
    results.fits
      .filter((fit) => fit.optimizer === optimizer && fit.method === "single")
      .map((fit) => {
        const single = curves.find((curve) => curve.method === "single");
        const ds = (single?.points ?? []).map((point) => Math.sqrt(point.kl));
        const top = Math.max(...ds, 0);
        return {
          name: `Gao fit (R² ${fit.r2.toFixed(2)})`,
          colorKey: "Gao fit",
          dashed: true,
          points: Array.from({ length: 41 }, (_, index) => {
            const d = (top * index) / 40;
            return { x: d, y: gaoValue(form, d, fit) };
          }),
        };
      });
  const bon = byOptimizer("best_of_n");
  const pg = byOptimizer("policy_gradient");
  const lastKl = results.best_of_n_kl[results.best_of_n_kl.length - 1];
  return [
    paragraph(
      "A bandit RLHF world: each prompt has a fixed set of candidate responses (feature vectors), a base policy over them and a gold reward that rewards one feature only up to a threshold. Proxy reward models are trained with the library's Bradley–Terry trainer on preference pairs sampled from the base policy and labelled by the gold reward with label noise. Best-of-n and KL-regularized policy gradient then optimize a single proxy, ensembles aggregated with the composition room's mean / min (WCO) / UWO, or PAR-shaped rewards; gold and proxy are recentered (and the gold scaled) so the base policy sits at 0 with unit std. The 'single' curve is the average over the members each optimized alone.",
    ),
    claimsSection(results.claims),
    "<h2>Best-of-n</h2>",
    figureRow([
      curveChart({
        title: "Best-of-n: gold reward",
        curves: bon,
        value: "gold",
        extra: fitted(bon, "best_of_n", "best_of_n"),
        colors,
      }),
      curveChart({ title: "Best-of-n: proxy (optimized) reward", curves: bon, value: "proxy", colors }),
    ]),
    paragraph(
      results.settings.best_of_n === "unbiased"
        ? `The x-axis uses KL = log n − (n − 1)/n. On this world's finite candidate sets the exact best-of-n KL is smaller: at n = ${lastKl?.n} it is ${lastKl?.exact.toFixed(3)} nats against the formula's ${lastKl?.formula.toFixed(3)}.`
        : `Best-of-n is computed exactly on the finite candidate sets (no samples), so n reaches ${lastKl?.n}. The x-axis is the exact KL: the formula log n − (n − 1)/n would say ${lastKl?.formula.toFixed(3)} nats at the largest n, where the exact KL is ${lastKl?.exact.toFixed(3)} (as n grows best-of-n picks each prompt's top-scored candidate, and its KL tends to −log π_base of that candidate).`,
    ),
    "<h2>Policy gradient with a KL penalty</h2>",
    figureRow([
      curveChart({
        title: "Policy gradient: gold reward",
        curves: pg,
        value: "gold",
        extra: fitted(pg, "policy_gradient", "rl"),
        colors,
      }),
      curveChart({ title: "Policy gradient: proxy reward", curves: pg, value: "proxy", colors }),
    ]),
    paragraph(
      "For PAR the proxy shown is the underlying RM score, not the bounded PAR value that was optimized.",
    ),
    "<h2>Fits of Gao et al.'s functional forms</h2>",
    htmlTable(
      ["method", "optimizer", "form", "α", "β", "R²", "points"],
      results.fits.map((fit) => [
        fit.method,
        fit.optimizer,
        fit.form === "best_of_n" ? "d(α − βd)" : "d(α − β log d)",
        fit.alpha.toFixed(3),
        fit.beta.toFixed(3),
        fit.r2.toFixed(3),
        fit.points,
      ]),
    ),
    settingsSection(results.settings, results.seed),
  ];
}
