import { escapeXml, htmlPage, htmlTable, lineChart, SeriesColors } from "../../report/index.js";
import type { SweepResults } from "./sweep-results.js";

/** Per claim and setting: "k of n" seeds it holds on, and the seeds where it fails. */
function claimsTable(sweep: SweepResults): string {
  const header = ["claim", ...sweep.settings.map((setting) => setting.label), "all runs"];
  const rows = sweep.claims.map((item) => [
    item.claim,
    ...item.by_setting.map(
      (count) =>
        `${count.holds} of ${count.runs}${count.fails_on_seeds.length ? ` (fails on ${count.fails_on_seeds.join(", ")})` : ""}`,
    ),
    `${item.holds} of ${item.runs}`,
  ]);
  return `<h2>Claims: on how many seeds each holds, per setting</h2>\n${htmlTable(header, rows)}`;
}

/** One chart per setting and quantity: each method's mean across seeds with its min–max band. */
function bandCharts(sweep: SweepResults, colors: SeriesColors): string[] {
  const sections: string[] = [];
  for (const setting of sweep.settings) {
    const bands = sweep.bands.filter((band) => band.setting === setting.setting);
    const quantities = [...new Set(bands.map((band) => `${band.quantity}\u0000${band.x}`))];
    const charts = quantities.map((key) => {
      const [quantity, x] = key.split("\u0000") as [string, string];
      const series = bands.filter((band) => band.quantity === quantity && band.x === x);
      return lineChart({
        title: `${quantity} (mean, min–max band over ${Math.max(...series.map((band) => band.seeds))} seeds)`,
        xLabel: x,
        yLabel: quantity,
        colors,
        series: series.map((band) => ({
          name: band.method,
          points: band.points.map((point) => ({ x: point.x, y: point.mean })),
          band: band.points.map((point) => ({ x: point.x, low: point.min, high: point.max })),
        })),
      });
    });
    if (charts.length === 0) continue;
    sections.push(
      `<h2>Curves: ${escapeXml(setting.label)}</h2>`,
      `<div class="grid">${charts.join("\n")}</div>`,
    );
  }
  return sections;
}

/** The sweep's `report.html`: the grid, the claims table, failed runs, and the curves with bands. */
export function sweepReport(sweep: SweepResults, summary: string): string {
  const colors = new SeriesColors();
  const seeds = sweep.seeds.length === 1 ? `seed ${sweep.seeds[0]}` : `seeds ${sweep.seeds.join(", ")}`;
  const failed = sweep.failed.length
    ? [
        `<h2 class="bad">Runs that failed (${sweep.failed.length})</h2>`,
        htmlTable(
          ["setting", "seed", "error"],
          sweep.failed.map((run) => [
            sweep.settings[run.setting]?.label ?? String(run.setting),
            run.seed,
            `${run.code}: ${run.message}`,
          ]),
        ),
      ]
    : [];
  return htmlPage(`rewardkit lab sweep: ${sweep.experiment}`, [
    `<p class="muted">${escapeXml(summary)}</p>`,
    `<p>${sweep.runs.length} runs: ${escapeXml(seeds)}${sweep.quick ? " (quick settings)" : ""} × ${sweep.settings.length} setting(s). Each run's own results.json and report.html are in <code>setting-K/seed-N/</code>.</p>`,
    htmlTable(
      ["setting", "options"],
      sweep.settings.map((setting) => [`setting-${setting.setting + 1}`, setting.label]),
    ),
    claimsTable(sweep),
    ...failed,
    ...bandCharts(sweep, colors),
  ]);
}
