import { describe, expect, it } from "vitest";
import { type ChartSeries, lineChart } from "./line-chart.js";
import { SeriesColors } from "./series-colors.js";

/** Each drawn line: its series name (tooltip), stroke colour and dash pattern. */
function lines(svg: string): Array<{ name: string; color: string; dash: string | undefined }> {
  const pattern =
    /<path d="[^"]*" fill="none" stroke="([^"]+)" stroke-width="2"(?: stroke-dasharray="([^"]+)")?><title>([^<]*)<\/title>/g;
  return [...svg.matchAll(pattern)].map((match) => ({
    name: match[3] as string,
    color: match[1] as string,
    dash: match[2],
  }));
}

const rising = [0, 1, 2, 3, 4].map((x) => ({ x, y: x }));
const falling = [0, 1, 2, 3, 4].map((x) => ({ x, y: 4 - x }));
const chart = (series: ChartSeries[], colors?: SeriesColors) =>
  lineChart({ title: "t", xLabel: "x", yLabel: "y", series, ...(colors ? { colors } : {}) });

describe("lineChart", () => {
  it("draws every series, escapes names, and skips non-finite points", () => {
    const svg = lineChart({
      title: "gold <vs> proxy",
      xLabel: "√KL",
      yLabel: "reward",
      series: [
        {
          name: "proxy",
          points: [
            { x: 0, y: 0 },
            { x: 1, y: Number.NaN },
            { x: 2, y: 1 },
          ],
        },
        { name: "gold & fit", points: [{ x: 0, y: 0 }], dashed: true },
      ],
    });
    expect(svg).toContain("gold &#60;vs&#62; proxy");
    expect(svg).toContain("gold &#38; fit");
    expect(svg.match(/<path /g)?.length).toBe(2);
    expect(svg).not.toContain("NaN");
  });

  it("dashes a line drawn over another with the same path, each with its own pattern", () => {
    const svg = chart([
      { name: "wco", points: rising },
      { name: "uwo", points: rising },
      { name: "mean", points: rising.map((point) => ({ ...point, y: point.y + 0.001 })) },
      { name: "single", points: falling },
    ]);
    const drawn = lines(svg);
    expect(drawn.map((line) => line.name)).toEqual(["wco", "uwo", "mean", "single"]);
    expect(drawn[0]?.dash).toBeUndefined();
    expect(drawn[1]?.dash).toBeDefined();
    expect(drawn[2]?.dash).toBeDefined();
    expect(drawn[2]?.dash).not.toBe(drawn[1]?.dash);
    // Crossing another line at one point is not hiding it.
    expect(drawn[3]?.dash).toBeUndefined();
    expect(new Set(drawn.map((line) => line.color)).size).toBe(4);
  });

  it("keeps a method's colour across the charts that share one SeriesColors", () => {
    const colors = new SeriesColors();
    const first = lines(
      chart(
        [
          { name: "base", points: rising },
          { name: "grpo", points: falling },
        ],
        colors,
      ),
    );
    const second = lines(
      chart(
        [
          { name: "grpo", points: falling },
          { name: "unlikeliness", points: rising },
        ],
        colors,
      ),
    );
    expect(second[0]?.color).toBe(first[1]?.color);
    expect(second[1]?.color).not.toBe(first[0]?.color);
    expect(second[1]?.color).not.toBe(first[1]?.color);
  });

  it("scales to its container: a viewBox and the chart class, so the page can make it full width", () => {
    const svg = chart([{ name: "a", points: rising }]);
    expect(svg).toMatch(/^<svg [^>]*class="chart" viewBox="0 0 640 380"/);
  });

  it("shades a band in the series' colour below every line, and widens the y-axis to hold it", () => {
    const colors = new SeriesColors();
    const svg = chart(
      [
        { name: "plain", points: falling },
        {
          name: "banded",
          points: rising,
          band: rising.map((p) => ({ x: p.x, low: p.y - 1, high: p.y + 10 })),
        },
      ],
      colors,
    );
    const polygon = svg.match(/<polygon points="([^"]+)" fill="([^"]+)" fill-opacity="0.15"/);
    expect(polygon?.[2]).toBe(colors.style("banded").color);
    // Both series keep the colours they get without a band (assigned in series order).
    expect(lines(svg).map((line) => line.color)).toEqual([colors.style("plain").color, polygon?.[2]]);
    // Ten points: five upper edges left to right, then five lower edges right to left.
    expect((polygon?.[1] ?? "").split(" ")).toHaveLength(10);
    expect(svg.indexOf("<polygon")).toBeLessThan(svg.indexOf("<path"));
    // The band (up to 4 + 10 = 14) lies inside the plot area (y from 36 to 332 px), and the axis grew
    // past the lines' own top (4).
    const heights = (polygon?.[1] ?? "").split(" ").map((pair) => Number(pair.split(",")[1]));
    expect(Math.min(...heights)).toBeGreaterThanOrEqual(36);
    expect(Math.max(...heights)).toBeLessThanOrEqual(332);
    const ticks = [...svg.matchAll(/text-anchor="end">([-\d.]+)</g)].map((match) => Number(match[1]));
    expect(Math.max(...ticks)).toBeGreaterThanOrEqual(10);
  });
});
