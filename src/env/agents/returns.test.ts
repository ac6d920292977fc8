import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { discountedReturns, generalizedAdvantages, standardizeAdvantages } from "./returns.js";

describe("returns and advantages", () => {
  it("discounts returns-to-go, bootstrapping the tail", () => {
    expect(Array.from(discountedReturns([1, 0, 2], 0.9))).toEqual([1 + 0.9 * 1.8, 1.8, 2]);
    expect(discountedReturns([1], 0.5, 4)[0]).toBe(3);
  });

  it("computes GAE by hand: a truncated tail bootstraps, a termination cuts the recursion", () => {
    const common = {
      rewards: [1, 0, 2],
      values: [0.5, 0.4, 0.3],
      nextValues: [0.4, 0.3, 0.9],
      discount: 0.9,
      lambda: 0.8,
    };
    // δ = [0.86, −0.13, 2.51]; A₂ = 2.51, A₁ = −0.13 + 0.72 · 2.51, A₀ = 0.86 + 0.72 · A₁.
    const truncated = generalizedAdvantages({
      ...common,
      terminated: [false, false, false],
      ended: [false, false, true],
    });
    expect(truncated[2]).toBeCloseTo(2.51, 12);
    expect(truncated[1]).toBeCloseTo(1.6772, 12);
    expect(truncated[0]).toBeCloseTo(2.067584, 12);
    // Terminated at step 1: δ₁ = −0.4 (no bootstrap) and step 0 sees only it.
    const split = generalizedAdvantages({
      ...common,
      terminated: [false, true, false],
      ended: [false, true, false],
    });
    expect(Array.from(split).map((value) => Number(value.toFixed(12)))).toEqual([0.572, -0.4, 2.51]);
  });

  it("with λ = 1 on a terminated episode, advantage + value is the Monte Carlo return", () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.tuple(fc.double({ min: -5, max: 5, noNaN: true }), fc.double({ min: -5, max: 5, noNaN: true })),
          {
            minLength: 1,
            maxLength: 12,
          },
        ),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (steps, discount) => {
          const rewards = steps.map(([reward]) => reward);
          const values = steps.map(([, value]) => value);
          const n = steps.length;
          const advantages = generalizedAdvantages({
            rewards,
            values,
            nextValues: [...values.slice(1), 0],
            terminated: steps.map((_, index) => index === n - 1),
            ended: steps.map((_, index) => index === n - 1),
            discount,
            lambda: 1,
          });
          const returns = discountedReturns(rewards, discount);
          for (let index = 0; index < n; index++)
            expect((advantages[index] as number) + (values[index] as number)).toBeCloseTo(
              returns[index] as number,
              9,
            );
        },
      ),
    );
  });

  it("standardizes with torch's unbiased std", () => {
    const out = standardizeAdvantages(Float64Array.of(1, 2, 3));
    expect(out[0]).toBeCloseTo(-1, 6);
    expect(out[2]).toBeCloseTo(1, 6);
    expect(Array.from(standardizeAdvantages(Float64Array.of(5)))).toEqual([0]);
  });
});
