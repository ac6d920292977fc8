import { escapeXml, svgOpen } from "../../report/index.js";

/**
 * A square matrix as an SVG heatmap (rows = donors, columns = recipients in the Donor Game's
 * reputation matrices): values in [−1, 1] from red (−1) through white (0) to green (1); cells
 * without a value (undefined, the pair never met) are grey. Marked as a chart so the page scales it.
 */
export function matrixHeatmap(input: {
  title: string;
  rowLabel: string;
  columnLabel: string;
  values: ReadonlyArray<ReadonlyArray<number | undefined>>;
}): string {
  const count = input.values.length;
  const cell = Math.max(12, Math.min(36, Math.floor(360 / Math.max(1, count))));
  const margin = { top: 40, left: 60, bottom: 40, right: 20 };
  const width = margin.left + count * cell + margin.right;
  const height = margin.top + count * cell + margin.bottom;
  const parts = [
    svgOpen(width, height, 11),
    `<text x="${width / 2}" y="18" text-anchor="middle" font-size="13" font-weight="600">${escapeXml(input.title)}</text>`,
  ];
  input.values.forEach((row, rowIndex) => {
    row.forEach((value, columnIndex) => {
      const x = margin.left + columnIndex * cell;
      const y = margin.top + rowIndex * cell;
      const text = value === undefined ? "never met" : value.toFixed(2);
      parts.push(
        `<rect x="${x}" y="${y}" width="${cell}" height="${cell}" fill="${heatColor(value)}" stroke="#fff"><title>${rowIndex + 1} → ${columnIndex + 1}: ${text}</title></rect>`,
      );
    });
  });
  parts.push(
    `<text x="${margin.left + (count * cell) / 2}" y="${height - 12}" text-anchor="middle">${escapeXml(input.columnLabel)}</text>`,
    `<text x="16" y="${margin.top + (count * cell) / 2}" text-anchor="middle" transform="rotate(-90 16 ${margin.top + (count * cell) / 2})">${escapeXml(input.rowLabel)}</text>`,
    "</svg>",
  );
  return parts.join("\n");
}

/** Red for −1, white for 0, green for 1, grey for no value. */
export function heatColor(value: number | undefined): string {
  if (value === undefined || !Number.isFinite(value)) return "#bbbbbb";
  const amount = Math.min(1, Math.abs(value));
  const fade = (full: number) => Math.round(255 - (255 - full) * amount);
  return value >= 0
    ? `rgb(${fade(26)},${fade(150)},${fade(65)})`
    : `rgb(${fade(215)},${fade(48)},${fade(39)})`;
}
