import { coversLine, type PixelPoint } from "./coincident.js";
import { escapeXml } from "./escape.js";
import { extent, formatTick, type LinearScale, linearScale } from "./scale.js";
import { SeriesColors } from "./series-colors.js";
import { svgOpen } from "./svg.js";

export interface ChartSeries {
  name: string;
  points: ReadonlyArray<{ x: number; y: number }>;
  /** Draw as a dashed line (e.g. fitted curves). */
  dashed?: boolean;
  /** The name whose colour the series takes (default `name`): e.g. a method's second multiplier. */
  colorKey?: string;
  /** A shaded band around the line in the series' colour (e.g. min–max or a quantile band across seeds). */
  band?: ReadonlyArray<{ x: number; low: number; high: number }>;
}

export interface LineChartOptions {
  title: string;
  xLabel: string;
  yLabel: string;
  series: readonly ChartSeries[];
  /** Shared by every chart of a report so that a method keeps its colour (default: this chart's own). */
  colors?: SeriesColors;
  width?: number;
  height?: number;
}

/** Dash patterns for lines drawn over another line with the same path, so the one below shows. */
const overlayDashes = ["7 5", "2 4", "10 3 2 3", "4 2 1 2"];
const callerDash = "6 4";
/** Lines within 2 px (their width) of each other on a quarter of the points of either share a path there. */
const overlap = { pixels: 2, share: 0.25 };

/**
 * An SVG line chart with axes, ticks, a legend and one colour per series name (from `colors`). A
 * series whose path runs along a line drawn before it (within 2 px on a quarter of the points of
 * either) is drawn dashed, with a pattern the lines below it do not use, and hollow markers, so both stay visible.
 * No dependencies.
 */
export function lineChart(options: LineChartOptions): string {
  const width = options.width ?? 640;
  const height = options.height ?? 380;
  const margin = { top: 36, right: 170, bottom: 48, left: 64 };
  const colors = options.colors ?? new SeriesColors();
  const points = options.series.flatMap((series) => [
    ...series.points,
    ...(series.band ?? []).flatMap((edge) => [
      { x: edge.x, y: edge.low },
      { x: edge.x, y: edge.high },
    ]),
  ]);
  const x = linearScale(extent(points.map((point) => point.x)), [margin.left, width - margin.right]);
  const y = linearScale(extent(points.map((point) => point.y)), [height - margin.bottom, margin.top]);
  const parts: string[] = [
    svgOpen(width, height, 12),
    `<text x="${width / 2 - margin.right / 2}" y="20" text-anchor="middle" font-size="14" font-weight="600">${escapeXml(options.title)}</text>`,
    ...axes(x, y, { width, height, margin, xLabel: options.xLabel, yLabel: options.yLabel }),
  ];
  // Bands first, translucent, so every line stays visible above every band.
  for (const series of options.series) {
    // Asked for every series in order, so colours are assigned as the lines below assign them.
    const color = colors.style(series.colorKey ?? series.name).color;
    const band = (series.band ?? []).filter((edge) =>
      [edge.x, edge.low, edge.high].every((value) => Number.isFinite(value)),
    );
    if (band.length < 2) continue;
    const outline = [
      ...band.map((edge) => `${x(edge.x).toFixed(1)},${y(edge.high).toFixed(1)}`),
      ...[...band].reverse().map((edge) => `${x(edge.x).toFixed(1)},${y(edge.low).toFixed(1)}`),
    ].join(" ");
    parts.push(
      `<polygon points="${outline}" fill="${color}" fill-opacity="0.15" stroke="none"><title>${escapeXml(series.name)} band</title></polygon>`,
    );
  }
  const drawn: Array<{ pixels: PixelPoint[]; dash: string | undefined }> = [];
  options.series.forEach((series, index) => {
    const style = colors.style(series.colorKey ?? series.name);
    const pixels = series.points
      .filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y))
      .map((point): PixelPoint => [x(point.x), y(point.y)]);
    // Either way round: this line runs along an earlier one, or hides a stretch of it.
    const below = drawn.filter(
      (line) => coversLine(pixels, line.pixels, overlap) || coversLine(line.pixels, pixels, overlap),
    );
    let dash = series.dashed ? callerDash : style.dash;
    const overlay = below.length > 0;
    if (overlay) {
      const taken = new Set(below.map((line) => line.dash));
      dash =
        overlayDashes.find((pattern) => !taken.has(pattern)) ?? overlayDashes[index % overlayDashes.length];
    }
    drawn.push({ pixels, dash });
    const dashAttribute = dash ? ` stroke-dasharray="${dash}"` : "";
    if (pixels.length > 0) {
      const path = pixels
        .map(([px, py], at) => `${at === 0 ? "M" : "L"}${px.toFixed(1)},${py.toFixed(1)}`)
        .join("");
      parts.push(
        `<path d="${path}" fill="none" stroke="${style.color}" stroke-width="2"${dashAttribute}><title>${escapeXml(series.name)}</title></path>`,
      );
      if (pixels.length <= 40) {
        const fill = overlay
          ? `fill="#fff" stroke="${style.color}" stroke-width="1.2"`
          : `fill="${style.color}"`;
        for (const [px, py] of pixels) {
          parts.push(`<circle cx="${px.toFixed(1)}" cy="${py.toFixed(1)}" r="2.5" ${fill}/>`);
        }
      }
    }
    const legendY = margin.top + index * 18;
    parts.push(
      `<line x1="${width - margin.right + 12}" y1="${legendY}" x2="${width - margin.right + 32}" y2="${legendY}" stroke="${style.color}" stroke-width="2"${dashAttribute}/>`,
      `<text x="${width - margin.right + 38}" y="${legendY + 4}">${escapeXml(series.name)}</text>`,
    );
  });
  parts.push("</svg>");
  return parts.join("\n");
}

/** Axis lines, ticks, grid lines and labels (`xTicks: false` for a categorical x-axis). */
export function axes(
  x: LinearScale,
  y: LinearScale,
  frame: {
    width: number;
    height: number;
    margin: { top: number; right: number; bottom: number; left: number };
    xLabel: string;
    yLabel: string;
    xTicks?: boolean;
  },
): string[] {
  const { width, height, margin } = frame;
  const bottom = height - margin.bottom;
  const parts = [
    `<line x1="${margin.left}" y1="${bottom}" x2="${width - margin.right}" y2="${bottom}" stroke="#333"/>`,
    `<line x1="${margin.left}" y1="${margin.top}" x2="${margin.left}" y2="${bottom}" stroke="#333"/>`,
  ];
  for (const tick of frame.xTicks === false ? [] : x.ticks(6)) {
    const position = x(tick).toFixed(1);
    parts.push(
      `<line x1="${position}" y1="${bottom}" x2="${position}" y2="${bottom + 5}" stroke="#333"/>`,
      `<text x="${position}" y="${bottom + 18}" text-anchor="middle">${formatTick(tick)}</text>`,
    );
  }
  for (const tick of y.ticks(5)) {
    const position = y(tick).toFixed(1);
    parts.push(
      `<line x1="${margin.left - 5}" y1="${position}" x2="${width - margin.right}" y2="${position}" stroke="#eee"/>`,
      `<text x="${margin.left - 8}" y="${Number(position) + 4}" text-anchor="end">${formatTick(tick)}</text>`,
    );
  }
  parts.push(
    `<text x="${(margin.left + width - margin.right) / 2}" y="${height - 10}" text-anchor="middle">${escapeXml(frame.xLabel)}</text>`,
    `<text transform="translate(16 ${(margin.top + bottom) / 2}) rotate(-90)" text-anchor="middle">${escapeXml(frame.yLabel)}</text>`,
  );
  return parts;
}
