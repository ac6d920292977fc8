import { describe, expect, it } from "vitest";
import { addPair, emptyPairSums, pearson } from "./correlation.js";
import { mannKendall } from "./mann-kendall.js";
import { normalUpperTail } from "./normal-tail.js";
import { trendChange } from "./trend-change.js";

// Reference values computed with scipy.stats (norm.sf) and the textbook Mann–Kendall formulas.
describe("the normal tail", () => {
  it("matches scipy's norm.sf", () => {
    expect(normalUpperTail(1.96)).toBeCloseTo(0.0249979, 6);
    expect(normalUpperTail(3.3404)).toBeCloseTo(0.000418289, 7);
    expect(normalUpperTail(-1.96)).toBeCloseTo(0.9750021, 6);
    expect(normalUpperTail(0)).toBeCloseTo(0.5, 7);
  });
});

describe("the Mann–Kendall trend test", () => {
  it("a strictly rising series of 8: S = 28, Var = 65.33, z = 3.3404, p = 0.000418", () => {
    const test = mannKendall([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(test.s).toBe(28);
    expect(test.tau).toBe(1);
    expect(test.z).toBeCloseTo(27 / Math.sqrt(65.3333333), 6);
    expect(test.pRising).toBeCloseTo(0.000418, 5);
    expect(test.pFalling).toBeCloseTo(1 - 0.000418, 5);
  });

  it("corrects the variance for ties: S = 41, Var = 123, z = 3.6067, p = 0.000155", () => {
    const test = mannKendall([1, 2, 2, 3, 5, 4, 6, 6, 7, 9]);
    expect(test.s).toBe(41);
    expect(test.z).toBeCloseTo(40 / Math.sqrt(123), 6);
    expect(test.pRising).toBeCloseTo(0.000155, 5);
  });

  it("ignores non-finite values and sees no trend in a constant series", () => {
    const test = mannKendall([3, Number.NaN, 3, 3, 3]);
    expect(test.n).toBe(4);
    expect(test.z).toBe(0);
    expect(test.pRising).toBeCloseTo(0.5, 7);
  });
});

describe("trendChange: a trend and a change beyond noise and above a minimum", () => {
  const settings = { minSteps: 8, alpha: 0.01, windowFraction: 0.25, noiseZ: 3, minChange: 0.1 };

  it("holds for a clear rise and reports early/late means", () => {
    const values = Array.from({ length: 20 }, (_, index) => index / 19 + (index % 2 ? 0.01 : -0.01));
    const test = trendChange(values, "rising", settings);
    expect(test?.holds).toBe(true);
    expect(test?.early_mean).toBeCloseTo((0 + 1 + 2 + 3 + 4) / 5 / 19, 2);
    expect(test?.change).toBeGreaterThan(0.7);
  });

  it("does not hold for a steady drift smaller than min_change (significant but negligible)", () => {
    const values = Array.from({ length: 40 }, (_, index) => 0.5 + index * 0.0005);
    const test = trendChange(values, "rising", settings);
    expect(test?.p).toBeLessThan(0.01);
    expect(test?.holds).toBe(false);
  });

  it("does not hold for noise, nor for the opposite direction; undefined below min_steps", () => {
    const noisy = [0.5, 0.7, 0.4, 0.6, 0.55, 0.45, 0.65, 0.5, 0.6, 0.4, 0.7, 0.5];
    expect(trendChange(noisy, "rising", settings)?.holds).toBe(false);
    const rising = Array.from({ length: 12 }, (_, index) => index);
    expect(trendChange(rising, "falling", settings)?.holds).toBe(false);
    expect(trendChange([1, 2, 3, null, 4, 5, 6, 7], "rising", settings)).toBeUndefined();
  });
});

describe("Pearson from mergeable sums", () => {
  it("equals the textbook value and is null when undefined", () => {
    const sums = emptyPairSums();
    for (const [x, y] of [
      [1, 2],
      [2, 4.1],
      [3, 5.9],
      [4, 8.2],
    ] as const)
      addPair(sums, x, y);
    // numpy.corrcoef([1,2,3,4],[2,4.1,5.9,8.2]) = 0.9989923
    expect(pearson(sums)).toBeCloseTo(0.9989923, 6);
    const constant = emptyPairSums();
    for (const x of [1, 2, 3, 4]) addPair(constant, x, 5);
    expect(pearson(constant)).toBeNull();
  });
});
