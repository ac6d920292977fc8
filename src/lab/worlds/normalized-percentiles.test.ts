import { describe, expect, it } from "vitest";
import { bestPerTask, normalizedScores, participation, percentileOf } from "./normalized-percentiles.js";

describe("XLand normalized percentiles", () => {
  it("normalizes each task by the best return on it", () => {
    const rows = [
      [2, 0, 5],
      [4, 0, 1],
    ];
    const best = bestPerTask(rows);
    expect(best).toEqual([4, 0, 5]);
    expect(normalizedScores(rows[0] as number[], best)).toEqual([0.5, 0, 1]);
  });

  it("interpolates percentiles and counts participation", () => {
    expect(percentileOf([0, 10, 20, 30, 40], 50)).toBe(20);
    expect(percentileOf([0, 10], 10)).toBeCloseTo(1);
    expect(participation([0, 1, 2, 0])).toBe(0.5);
  });
});
