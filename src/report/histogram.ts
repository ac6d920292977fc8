import { type Binned, binValues, type HistogramBin } from "./bins.js";
import { escapeXml } from "./escape.js";
import { axes } from "./line-chart.js";
import { extent, linearScale } from "./scale.js";
import { svgOpen } from "./svg.js";

export interface HistogramOptions {
  title: string;
  values: readonly number[];
  xLabel?: string;
  /** The y-axis label (default "rows"). */
  yLabel?: string;
  /** A line under the title, e.g. what was left out of the values. */
  note?: string;
  width?: number;
  height?: number;
}

/**
 * An SVG histogram of the values (binned by {@link binValues}). Few distinct values are drawn as
 * categories, one bar each with its value under it, so no two bars share an x; many values as
 * adjacent equal-width bins on a linear axis. Every bar has a tooltip with its range and count.
 */
export function histogram(options: HistogramOptions): string {
  const width = options.width ?? 360;
  const height = options.height ?? 230;
  const margin = { top: options.note ? 42 : 30, right: 16, bottom: 44, left: 52 };
  const binned = binValues(options.values);
  // Headroom above the tallest bar for its count.
  const y = linearScale(
    [0, 1.12 * Math.max(1, ...binned.bins.map((bin) => bin.count))],
    [height - margin.bottom, margin.top],
  );
  const frame = {
    width,
    height,
    margin,
    xLabel: options.xLabel ?? "value",
    yLabel: options.yLabel ?? "rows",
  };
  const parts = [
    svgOpen(width, height, 11),
    `<text x="${width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="600">${escapeXml(options.title)}</text>`,
  ];
  if (options.note) {
    parts.push(
      `<text x="${width / 2}" y="31" text-anchor="middle" fill="#a33">${escapeXml(options.note)}</text>`,
    );
  }
  parts.push(...(binned.discrete ? discreteBars(binned, y, frame) : continuousBars(binned, y, frame)));
  parts.push("</svg>");
  return parts.join("\n");
}

type Frame = {
  width: number;
  height: number;
  margin: { top: number; right: number; bottom: number; left: number };
  xLabel: string;
  yLabel: string;
};

/** Bars narrower than this would hide in a linear axis: the values are then drawn as categories. */
const narrowestBar = 6;

/**
 * One bar per value. On a linear axis when the closest two values are at least a bar apart;
 * otherwise one slot per value in order (the axis says it is not to scale), so bars never overlap
 * however close the values are.
 */
function discreteBars(binned: Binned, y: ReturnType<typeof linearScale>, frame: Frame): string[] {
  const { width, height, margin } = frame;
  const bottom = height - margin.bottom;
  const plotWidth = width - margin.left - margin.right;
  const values = binned.bins.map((bin) => bin.value ?? bin.low);
  const [low, high] = extent(values);
  const pad = high > low ? (high - low) / Math.max(4, values.length * 2) : 0.5;
  const linear = linearScale([low - pad, high + pad], [margin.left, width - margin.right]);
  const gaps = values.slice(1).map((value, index) => linear(value) - linear(values[index] as number));
  const toScale = gaps.every((gap) => gap >= narrowestBar + 1);
  const slot = toScale ? Math.min(plotWidth / 2, ...gaps) : plotWidth / Math.max(1, values.length);
  const barWidth = Math.min(48, slot * 0.7);
  const center = (index: number) =>
    toScale ? linear(values[index] as number) : margin.left + slot * (index + 0.5);
  const parts = toScale
    ? axes(linear, y, frame)
    : axes(linear, y, {
        ...frame,
        xLabel: `${frame.xLabel} (each value its own bar, not to scale)`,
        xTicks: false,
      });
  const labelEvery = Math.ceil(values.length / Math.max(1, Math.floor(plotWidth / 44)));
  binned.bins.forEach((bin, index) => {
    const middle = center(index);
    const top = y(bin.count);
    const value = bin.value ?? bin.low;
    parts.push(
      `<rect x="${(middle - barWidth / 2).toFixed(1)}" y="${top.toFixed(1)}" width="${barWidth.toFixed(1)}" height="${(bottom - top).toFixed(1)}" fill="#4c78a8"><title>${escapeXml(describeDiscrete(bin))}</title></rect>`,
    );
    if (!toScale && index % labelEvery === 0) {
      parts.push(
        `<text x="${middle.toFixed(1)}" y="${bottom + 16}" text-anchor="middle">${escapeXml(formatValue(value))}</text>`,
      );
    }
    if (values.length <= 12) {
      parts.push(
        `<text x="${middle.toFixed(1)}" y="${(top - 3).toFixed(1)}" text-anchor="middle" fill="#555">${bin.count}</text>`,
      );
    }
  });
  return parts;
}

/** Adjacent bins on a linear axis; each bar spans its bin's edges. */
function continuousBars(binned: Binned, y: ReturnType<typeof linearScale>, frame: Frame): string[] {
  const { width, height, margin } = frame;
  const bottom = height - margin.bottom;
  const domain = extent(binned.bins.flatMap((bin) => [bin.low, bin.high]));
  const x = linearScale(domain, [margin.left, width - margin.right]);
  const parts = axes(x, y, frame);
  for (const bin of binned.bins) {
    if (bin.count === 0) continue;
    const left = x(bin.low);
    const top = y(bin.count);
    parts.push(
      `<rect x="${left.toFixed(2)}" y="${top.toFixed(1)}" width="${Math.max(0.5, x(bin.high) - left - 0.5).toFixed(2)}" height="${(bottom - top).toFixed(1)}" fill="#4c78a8"><title>[${formatValue(bin.low)}, ${formatValue(bin.high)}): ${bin.count}</title></rect>`,
    );
  }
  return parts;
}

function describeDiscrete(bin: HistogramBin): string {
  const value = bin.value ?? bin.low;
  const spread =
    bin.low === bin.high ? "" : ` (values ${formatValue(bin.low, 10)} to ${formatValue(bin.high, 10)})`;
  return `${formatValue(value, 10)}${spread}: ${bin.count} row${bin.count === 1 ? "" : "s"}`;
}

/** Up to `digits` significant digits, without float noise. */
function formatValue(value: number, digits = 6): string {
  const magnitude = Math.abs(value);
  if (value !== 0 && (magnitude >= 1e6 || magnitude < 1e-4)) return value.toExponential(digits - 3);
  return String(Number(value.toPrecision(digits)));
}
