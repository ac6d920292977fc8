import { escapeXml, svgOpen } from "../../report/index.js";

/**
 * A 2-D hypergrid's distribution as a heatmap (x to the right, y up, as the environment's frame):
 * white for 0, dark blue for the largest probability shown (`scale`, shared across panels so they
 * compare). Each cell's title gives its probability.
 */
export function gridDistribution(input: {
  title: string;
  side: number;
  probabilities: ArrayLike<number>;
  scale: number;
}): string {
  const cell = Math.max(10, Math.floor(240 / input.side));
  const top = 26;
  const width = input.side * cell + 10;
  const height = top + input.side * cell + 10;
  const parts = [
    svgOpen(width, height, 11),
    `<text x="${width / 2}" y="16" text-anchor="middle" font-size="13" font-weight="600">${escapeXml(input.title)}</text>`,
  ];
  for (let y = 0; y < input.side; y++) {
    for (let x = 0; x < input.side; x++) {
      const value = (input.probabilities[y * input.side + x] as number) ?? 0;
      const share = Math.min(1, value / input.scale);
      const red = Math.round(255 - share * 247);
      const green = Math.round(255 - share * 207);
      const blue = Math.round(255 - share * 148);
      parts.push(
        `<rect x="${5 + x * cell}" y="${top + (input.side - 1 - y) * cell}" width="${cell}" height="${cell}" fill="rgb(${red},${green},${blue})" stroke="#eeeeee"><title>(${x}, ${y}): ${value.toFixed(4)}</title></rect>`,
      );
    }
  }
  parts.push("</svg>");
  return parts.join("\n");
}
