import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { logSigmoid, sigmoid } from "./sigmoid.js";

describe("sigmoid and logSigmoid", () => {
  it("give the textbook values and stay finite and in range far out", () => {
    expect(sigmoid(0)).toBe(0.5);
    expect(sigmoid(2)).toBeCloseTo(0.8807970779778823, 15);
    expect(sigmoid(-2)).toBeCloseTo(0.11920292202211755, 15);
    expect(sigmoid(-800)).toBe(0);
    expect(sigmoid(800)).toBe(1);
    expect(logSigmoid(-1000)).toBe(-1000);
    expect(logSigmoid(1000)).toBe(-0);
  });

  it("are symmetric (σ(−x) = 1 − σ(x)) and consistent with each other", () => {
    fc.assert(
      fc.property(fc.double({ min: -700, max: 700, noNaN: true }), (x) => {
        expect(sigmoid(-x)).toBeCloseTo(1 - sigmoid(x), 12);
        const value = sigmoid(x);
        expect(value).toBeGreaterThanOrEqual(0);
        expect(value).toBeLessThanOrEqual(1);
        if (value > 1e-300) expect(logSigmoid(x)).toBeCloseTo(Math.log(value), 9);
      }),
    );
  });
});
