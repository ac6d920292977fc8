import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { binValues } from "./bins.js";

describe("binValues", () => {
  it("merges near-equal floats into one bar (−1.499997 and −1.49997 were drawn apart)", () => {
    const binned = binValues([-1.499997, -1.49997, -1.5, 0, 0.1 + 0.2, 0.3, 1, 1, 1]);
    expect(binned.discrete).toBe(true);
    // Within 1e-4 of the values' range (2.5 here) is the same value: −1.5, −1.499997 and −1.49997.
    expect(binned.bins.map((bin) => [bin.value, bin.count])).toEqual([
      [-1.5, 3],
      [0, 1],
      [0.3, 2],
      [1, 3],
    ]);
    expect(binned.bins[0]).toMatchObject({ low: -1.5, high: -1.49997 });
    // The most common of near-equal values names the bar.
    expect(binValues([-1.499997, -1.49997, -1.49997, 1]).bins[0]?.value).toBe(-1.49997);
  });

  it("keeps values apart that differ by more than 1e-4 of the range", () => {
    const binned = binValues([1, 1.001, 2]);
    expect(binned.bins.map((bin) => bin.value)).toEqual([1, 1.001, 2]);
  });

  it("bins many distinct values by Freedman–Diaconis with round edges", () => {
    const values = Array.from({ length: 1000 }, (_, index) => index / 1000);
    const binned = binValues(values);
    expect(binned.discrete).toBe(false);
    // IQR 0.4995, n 1000: width 2·0.4995/10 = 0.0999 → rounded up to 0.1.
    expect(binned.bins.map((bin) => bin.low)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9]);
    expect(binned.bins.map((bin) => bin.count)).toEqual(Array(10).fill(100));
  });

  it("puts a value that float noise leaves a hair below an edge into the bin that edge starts", () => {
    const values = [...Array.from({ length: 1000 }, (_, index) => index / 1000), 0.1 + 0.2];
    const binned = binValues(values);
    expect(0.1 + 0.2).toBeGreaterThan(0.3);
    expect(binned.bins.find((entry) => entry.low === 0.3)?.count).toBe(101);
  });

  it("never loses or double-counts a value and gives each bin the values inside its edges", () => {
    fc.assert(
      fc.property(
        fc.array(fc.double({ min: -1e3, max: 1e3, noNaN: true, noDefaultInfinity: true }), {
          maxLength: 300,
        }),
        (values) => {
          const binned = binValues(values);
          expect(binned.bins.reduce((total, bin) => total + bin.count, 0)).toBe(values.length);
          for (let index = 1; index < binned.bins.length; index++) {
            const previous = binned.bins[index - 1];
            const bin = binned.bins[index];
            if (!previous || !bin) continue;
            // Bars are ordered and never overlap.
            if (binned.discrete) expect(bin.low).toBeGreaterThan(previous.high);
            else expect(bin.low).toBeCloseTo(previous.high, 9);
          }
          for (const value of values) {
            const holder = binned.bins.filter((bin) =>
              binned.discrete
                ? value >= bin.low && value <= bin.high
                : value >= bin.low - 1e-6 * (bin.high - bin.low) && value <= bin.high,
            );
            expect(holder.length).toBeGreaterThanOrEqual(1);
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});
