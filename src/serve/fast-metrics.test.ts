import { describe, expect, it } from "vitest";
import { HistogramSeries } from "./fast-metrics.js";

describe("HistogramSeries", () => {
  it("counts repeated and changing values in the right buckets (the last-value memo included)", () => {
    const series = new HistogramSeries([0, 0.5, 1]);
    for (const value of [1, 1, 0.2, 0.2, 0, 7, 7, 1, Number.NaN, Number.NaN, -3]) series.observe(value);
    // Buckets are non-cumulative here: ≤0 holds 0 and -3, ≤0.5 holds 0.2 twice, ≤1 holds 1 three times;
    // 7 and NaN fall in no finite bucket (only +Inf, which is `count`).
    expect([...series.counts]).toEqual([2, 2, 3]);
    expect(series.count).toBe(11);
  });
});
