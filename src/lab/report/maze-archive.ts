import { escapeXml } from "../../report/index.js";

/**
 * The final positions a search reached, as dots on the deceptive maze (walls grey, the reward area
 * green): the QD papers' archive plots.
 */
export function mazeArchive(input: {
  title: string;
  size: number;
  walls: readonly (readonly number[])[];
  goal: readonly number[];
  rewardRadius: number;
  positions: readonly (readonly number[])[];
  color: string;
}): string {
  const scale = 20;
  const top = 18;
  const side = input.size * scale;
  const x = (value: number) => (value * scale).toFixed(1);
  const y = (value: number) => (top + (input.size - value) * scale).toFixed(1);
  const parts = [`<rect x="0" y="${top}" width="${side}" height="${side}" fill="#ffffff" stroke="#4a4a4a"/>`];
  for (const [left, bottom, right, upper] of input.walls)
    parts.push(
      `<rect x="${x(left as number)}" y="${y(upper as number)}" width="${x((right as number) - (left as number))}" height="${x((upper as number) - (bottom as number))}" fill="#888888"/>`,
    );
  parts.push(
    `<circle cx="${x(input.goal[0] as number)}" cy="${y(input.goal[1] as number)}" r="${x(input.rewardRadius)}" fill="#3bb273" fill-opacity="0.4"/>`,
  );
  for (const [px, py] of input.positions)
    parts.push(`<circle cx="${x(px as number)}" cy="${y(py as number)}" r="1.5" fill="${input.color}"/>`);
  return `<svg class="chart" xmlns="http://www.w3.org/2000/svg" width="${side}" height="${side + top}" viewBox="0 0 ${side} ${side + top}" font-family="sans-serif"><text x="0" y="13" font-size="11">${escapeXml(input.title)}</text>${parts.join("")}</svg>`;
}
