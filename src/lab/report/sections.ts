import { escapeXml, htmlTable, lineChart, type SeriesColors } from "../../report/index.js";
import type { Claim, Curve } from "../results.js";

/** The claims table: each claim, whether it held in this run, and the numbers it was decided on. */
export function claimsSection(claims: readonly Claim[]): string {
  const rows = claims
    .map(
      (item) =>
        `<tr><td style="text-align:left">${escapeXml(item.claim)}</td><td class="${item.holds ? "ok" : "bad"}">${item.holds ? "holds" : "does not hold"}</td><td style="text-align:left"><code>${escapeXml(
          Object.entries(item.evidence)
            .map(([key, value]) => `${key} = ${value}`)
            .join(", "),
        )}</code></td></tr>`,
    )
    .join("\n");
  const held = claims.filter((item) => item.holds).length;
  return `<h2>Claims (${held} of ${claims.length} hold in this run)</h2>
<table>
<tr><th>claim</th><th>in this run</th><th>evidence</th></tr>
${rows}
</table>`;
}

/** The options the run used. */
export function settingsSection(settings: Record<string, unknown>, seed: number): string {
  const rows = Object.entries({ seed, ...settings }).map(([key, value]) => [key, JSON.stringify(value)]);
  return `<h2>Settings</h2>\n${htmlTable(["option", "value"], rows)}`;
}

/** A paragraph of explanation (text is escaped). */
export function paragraph(text: string): string {
  return `<p>${escapeXml(text)}</p>`;
}

/** Charts side by side. */
export function figureRow(svgs: readonly string[]): string {
  return `<div class="grid">${svgs.join("\n")}</div>`;
}

/**
 * Curves of one optimizer as a chart against √KL (Gao et al.'s x-axis): one series per method for
 * `value` ("gold" or "proxy"), plus any extra (e.g. fitted) series.
 */
export function curveChart(input: {
  title: string;
  curves: readonly Curve[];
  value: "gold" | "proxy";
  yLabel?: string;
  extra?: readonly {
    name: string;
    points: { x: number; y: number }[];
    dashed?: boolean;
    colorKey?: string;
  }[];
  /** The report's colours: one per method across all its charts. */
  colors: SeriesColors;
  width?: number;
}): string {
  const series = input.curves.map((curve) => ({
    name: curve.method,
    points: curve.points.map((point) => ({ x: Math.sqrt(point.kl), y: point[input.value] })),
  }));
  return lineChart({
    title: input.title,
    xLabel: "√KL(π ‖ π_base)",
    yLabel: input.yLabel ?? `${input.value} reward`,
    series: [...series, ...(input.extra ?? [])],
    colors: input.colors,
    ...(input.width === undefined ? {} : { width: input.width }),
  });
}
