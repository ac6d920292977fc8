import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { brme, mean, meanMinusStd, median, uwo, variance, worstCase } from "./aggregate.js";

describe("Coste et al. (rlhf.md §2): mean, WCO, UWO", () => {
  const scores = [1, 2, 3];
  it("reproduces the worked example", () => {
    expect(mean(scores)).toBeCloseTo(2, 10);
    expect(worstCase(scores)).toBe(1);
    // BoN path: np.var (population), λ = 0.5.
    expect(uwo(scores, { lambda: 0.5, variance: "population" })).toBeCloseTo(1.666667, 6);
    // PPO path: torch.var (unbiased), λ = 0.1.
    expect(uwo(scores, { lambda: 0.1, variance: "unbiased" })).toBeCloseTo(1.9, 10);
  });

  it("penalizes the variance, not the standard deviation", () => {
    expect(uwo([0, 4], { lambda: 1, variance: "population" })).toBeCloseTo(2 - 4, 10);
  });
});

describe("Eisenstein et al. (rlhf.md §3): median and mean − λ·std", () => {
  const scores = [0.2, 1.0, 3.0];
  it("reproduces the worked example", () => {
    expect(mean(scores)).toBeCloseTo(1.4, 10);
    expect(median(scores)).toBeCloseTo(1.0, 10);
    expect(meanMinusStd(scores, { lambda: 1, variance: "population" })).toBeCloseTo(0.2224, 4);
    expect(meanMinusStd(scores, { lambda: 1, variance: "unbiased" })).toBeCloseTo(-0.0422, 4);
  });

  it("takes the middle pair's mean for an even count", () => {
    expect(median([4, 1, 3, 2])).toBe(2.5);
  });

  it("returns +0 for a zero median, whichever zeros the members wrote and in which order", () => {
    // Sorting keeps −0 and +0 in input order (they compare equal), so the middle zero's sign used to
    // depend on member order: median([−0, 0, 5]) was +0 but median([5, 0, −0]) was −0.
    expect(Object.is(median([-0, 0, 5]), 0)).toBe(true);
    expect(Object.is(median([5, 0, -0]), 0)).toBe(true);
    expect(Object.is(median([-0, -0]), 0)).toBe(true);
    expect(Object.is(median([-0]), 0)).toBe(true);
  });
});

describe("BRME (rlhf.md §4, reconstructed nominal)", () => {
  const sigmas = [0.3, 0.1, 0.6];
  it("reproduces the worked examples with the lowest-σ head as nominal", () => {
    expect(brme([1.2, 0.8, 1.5], { lambda: 0.5, nominal: "lowest_sigma", sigmas })).toBeCloseTo(0.8, 10);
    expect(brme([1.2, 0.9, 0.4], { lambda: 0.5, nominal: "lowest_sigma", sigmas })).toBeCloseTo(0.65, 10);
  });

  it("mixes the mean (default nominal) with the minimum", () => {
    expect(brme([1, 2, 3], { lambda: 0.25, nominal: "mean" })).toBeCloseTo(0.25 * 2 + 0.75 * 1, 10);
    expect(brme([1, 2, 3], { lambda: 1, nominal: "first" })).toBe(1);
  });

  it("refuses lowest_sigma without one sigma per member", () => {
    expect(() => brme([1, 2], { lambda: 0.5, nominal: "lowest_sigma", sigmas: [1] })).toThrow(/one sigma/);
  });
});

describe("aggregation properties", () => {
  const memberScores = fc.array(fc.double({ min: -100, max: 100, noNaN: true }), {
    minLength: 1,
    maxLength: 9,
  });

  it("orders min ≤ UWO, mean − std ≤ mean ≤ max, and never exceeds the mean", () => {
    fc.assert(
      fc.property(memberScores, fc.double({ min: 0, max: 5, noNaN: true }), (scores, lambda) => {
        const average = mean(scores);
        expect(worstCase(scores)).toBeLessThanOrEqual(average + 1e-9);
        expect(uwo(scores, { lambda, variance: "unbiased" })).toBeLessThanOrEqual(average + 1e-9);
        expect(meanMinusStd(scores, { lambda, variance: "population" })).toBeLessThanOrEqual(average + 1e-9);
        expect(variance(scores, "unbiased")).toBeGreaterThanOrEqual(variance(scores, "population") - 1e-9);
      }),
    );
  });

  it("does not depend on member order", () => {
    fc.assert(
      fc.property(memberScores, (scores) => {
        const reversed = [...scores].reverse();
        expect(median(reversed)).toBe(median(scores));
        expect(uwo(reversed, { lambda: 0.5, variance: "population" })).toBeCloseTo(
          uwo(scores, { lambda: 0.5, variance: "population" }),
          6,
        );
      }),
    );
  });

  it("gives the same median, to the sign of zero, for every order of the members (many runs)", () => {
    // Zeros of both signs drawn often: the replays that failed had −0 and +0 among the members.
    const withZeros = fc.array(
      fc.oneof(fc.constant(0), fc.constant(-0), fc.double({ min: -100, max: 100, noNaN: true })),
      { minLength: 1, maxLength: 9 },
    );
    const withPermutation = withZeros.chain((scores) =>
      fc.tuple(
        fc.constant(scores),
        fc.shuffledSubarray(scores, { minLength: scores.length, maxLength: scores.length }),
      ),
    );
    fc.assert(
      fc.property(withPermutation, ([scores, shuffled]) => {
        expect(Object.is(median(shuffled), median(scores))).toBe(true);
        expect(Object.is(median(scores), -0)).toBe(false);
      }),
      { numRuns: 20_000 },
    );
  });
});
