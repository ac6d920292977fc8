import { describe, expect, it } from "vitest";
import { histogram } from "./histogram.js";

/** The bars of an SVG histogram: left and right edges and tooltip. */
function bars(svg: string): Array<{ left: number; right: number; title: string }> {
  const pattern =
    /<rect x="([\d.-]+)" y="[\d.-]+" width="([\d.]+)" height="[\d.]+"[^>]*><title>([^<]*)<\/title>/g;
  return [...svg.matchAll(pattern)].map((match) => ({
    left: Number(match[1]),
    right: Number(match[1]) + Number(match[2]),
    title: match[3] as string,
  }));
}

describe("histogram", () => {
  it("gives close discrete values their own bars, none overlapping (two bars at one x hid rows)", () => {
    const drawn = bars(histogram({ title: "reward", values: [0, 0.001, 0.002, 1, 1, 1, 1.2, 1.2] }));
    expect(drawn.map((bar) => bar.title)).toEqual([
      "0: 1 row",
      "0.001: 1 row",
      "0.002: 1 row",
      "1: 3 rows",
      "1.2: 2 rows",
    ]);
    for (let index = 1; index < drawn.length; index++) {
      expect(drawn[index]?.left).toBeGreaterThan(drawn[index - 1]?.right as number);
    }
  });

  it("puts well-separated values on a linear axis and says when close ones are not drawn to scale", () => {
    const spread = histogram({ title: "reward", values: [0, 0.2, 1, 1, 1.2] });
    const drawn = bars(spread);
    const centers = drawn.map((bar) => (bar.left + bar.right) / 2);
    // 0 → 0.2 is a sixth of 0 → 1.2: the gaps between bar centres keep the values' proportions.
    expect((centers[1] as number) - (centers[0] as number)).toBeCloseTo(
      ((centers[3] as number) - (centers[0] as number)) / 6,
      0,
    );
    expect(spread).not.toContain("not to scale");
    expect(histogram({ title: "reward", values: [0, 0.001, 1] })).toContain("not to scale");
  });

  it("draws near-equal floats as one bar and says which values it holds", () => {
    const drawn = bars(histogram({ title: "reward", values: [-1.499997, -1.49997, -1.49997, 0, 1] }));
    expect(drawn.map((bar) => bar.title)).toEqual([
      "-1.49997 (values -1.499997 to -1.49997): 3 rows",
      "0: 1 row",
      "1: 1 row",
    ]);
  });

  it("draws many values as adjacent bins that touch but do not overlap, with a note when given", () => {
    const values = Array.from({ length: 500 }, (_, index) => Math.sin(index) * 3);
    const svg = histogram({ title: "advantage", values, note: "4 errored rows left out" });
    const drawn = bars(svg);
    expect(drawn.length).toBeGreaterThan(5);
    for (let index = 1; index < drawn.length; index++) {
      expect(drawn[index]?.left).toBeGreaterThanOrEqual((drawn[index - 1]?.right as number) - 0.01);
    }
    const total = drawn.reduce((sum, bar) => sum + Number(/: (\d+)$/.exec(bar.title)?.[1]), 0);
    expect(total).toBe(500);
    expect(svg).toContain("4 errored rows left out");
    expect(svg).toContain('class="chart"');
  });
});
