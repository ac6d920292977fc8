import { describe, expect, it } from "vitest";
import { minimaxAllocation, proportionalAllocation, uniformAllocation } from "./allocate.js";
import { fitLearningCurve, predictError } from "./learning-curve.js";

describe("learning curves", () => {
  it("recovers err(n) = a·n^−b + c from points on the curve", () => {
    const truth = { a: 2, b: 0.6, c: 0.05, points: 0 };
    const points = [10, 20, 40, 80, 160, 320].map((n) => ({ n, error: predictError(truth, n) }));
    const fit = fitLearningCurve(points);
    for (const n of [15, 100, 1000]) expect(predictError(fit, n)).toBeCloseTo(predictError(truth, n), 2);
  });

  it("assumes the parametric rate b = 0.5 from one n, and refuses no points", () => {
    const fit = fitLearningCurve([{ n: 100, error: 0.2 }]);
    expect(fit.b).toBe(0.5);
    expect(predictError(fit, 100)).toBeCloseTo(0.2, 12);
    expect(() => fitLearningCurve([])).toThrow(/at least one point/);
  });
});

describe("allocations", () => {
  it("uniform and proportional spend exactly the budget", () => {
    expect(uniformAllocation(3, 10)).toEqual([4, 3, 3]);
    expect(proportionalAllocation([0.7, 0.2, 0.1], 10)).toEqual([7, 2, 1]);
    expect(proportionalAllocation([1, 1, 1], 10).reduce((a, b) => a + b, 0)).toBe(10);
  });

  it("minimax gives the samples to the group that needs them and equalizes predicted errors", () => {
    const easy = { a: 0.5, b: 0.5, c: 0, points: 0 };
    const hard = { a: 2, b: 0.5, c: 0, points: 0 };
    const extra = minimaxAllocation({ curves: [easy, hard], current: [10, 10], budget: 200 });
    expect(extra.reduce((a, b) => a + b, 0)).toBe(200);
    // Equal errors need n_hard / n_easy = (2 / 0.5)² = 16.
    expect((extra[1] as number) + 10).toBeGreaterThan(12 * ((extra[0] as number) + 10));
    const errors = extra.map((count, group) => predictError([easy, hard][group] as typeof easy, count + 10));
    expect(Math.abs((errors[0] as number) - (errors[1] as number))).toBeLessThan(0.01);
    expect(minimaxAllocation({ curves: [easy, hard], current: [0, 0], budget: 5, costs: [1, 10] })).toEqual([
      5, 0,
    ]);
  });
});
