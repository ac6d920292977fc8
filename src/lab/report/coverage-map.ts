import { escapeXml } from "../../report/index.js";

/**
 * A maze's cells shaded by how often a method visited them during training (log scale, white: never,
 * dark blue: the most visited cell), walls in grey and the goal outlined in green: where exploration went.
 */
export function coverageMap(input: {
  title: string;
  width: number;
  height: number;
  /** 1 for a wall, per cell (row-major). */
  walls: ArrayLike<number>;
  visits: readonly number[];
  goal: number;
  cellSize?: number;
}): string {
  const size = input.cellSize ?? 12;
  const top = 18;
  const most = Math.max(1, ...input.visits);
  const parts: string[] = [];
  for (let cell = 0; cell < input.walls.length; cell++) {
    const x = (cell % input.width) * size;
    const y = top + Math.floor(cell / input.width) * size;
    let fill = "#888888";
    if (input.walls[cell] !== 1) {
      const share = Math.log1p(input.visits[cell] ?? 0) / Math.log1p(most);
      const channel = Math.round(255 - share * 200);
      fill = `rgb(${channel},${channel},255)`;
    }
    const outline = cell === input.goal ? ' stroke="#3bb273" stroke-width="2"' : "";
    parts.push(`<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="${fill}"${outline}/>`);
  }
  const width = input.width * size;
  const height = top + input.height * size;
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif"><text x="0" y="13" font-size="11">${escapeXml(input.title)}</text>${parts.join("")}</svg>`;
}
