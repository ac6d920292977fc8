import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { wilsonInterval } from "./wilson.js";

describe("wilsonInterval (95%)", () => {
  it("gives the textbook values", () => {
    // statsmodels proportion_confint(8, 10, method="wilson") = (0.490162, 0.943318).
    const [low, high] = wilsonInterval(8, 10) as [number, number];
    expect(low).toBeCloseTo(0.490162, 6);
    expect(high).toBeCloseTo(0.943318, 6);
    // At 0 of 10 the interval is not empty (the Wald interval would be [0, 0]).
    expect(wilsonInterval(0, 10)?.[0]).toBe(0);
    expect(wilsonInterval(0, 10)?.[1]).toBeCloseTo(0.277533, 6);
    expect(wilsonInterval(10, 10)?.[1]).toBe(1);
    expect(wilsonInterval(0, 0)).toBeUndefined();
  });

  it("holds the observed share and its bounds are where the score test says z = 1.96", () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 5000 }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (n, share) => {
          const successes = Math.round(share * n);
          const observed = successes / n;
          const [low, high] = wilsonInterval(successes, n) as [number, number];
          expect(low).toBeLessThanOrEqual(observed + 1e-12);
          expect(high).toBeGreaterThanOrEqual(observed - 1e-12);
          for (const bound of [low, high]) {
            if (bound <= 1e-9 || bound >= 1 - 1e-9) continue;
            const score = Math.abs(observed - bound) / Math.sqrt((bound * (1 - bound)) / n);
            expect(score).toBeCloseTo(1.959964, 4);
          }
        },
      ),
    );
  });
});
