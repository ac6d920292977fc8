import { describe, expect, it } from "vitest";

function expectAllClose(actual: readonly number[], expected: readonly number[], digits: number): void {
  expect(actual).toHaveLength(expected.length);
  for (const [index, value] of actual.entries()) expect(value).toBeCloseTo(expected[index] as number, digits);
}

import { mulberry32 } from "../core/index.js";
import { effectiveSampleSize, fkResample, fkWeights, resampleIndices } from "./fk-steering.js";

const rewards = [0.2, 0.5, 0.9, 0.1];
const carried = [0.1, 0.6, 0.3, 0.1];
const ones = [1, 1, 1, 1];
const normalize = (weights: number[]) => {
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  return weights.map((weight) => weight / total);
};

describe("Feynman-Kac potentials (rm-rl.md §23 worked example, λ = 2)", () => {
  const cases = [
    {
      potential: "diff",
      weights: [1.2214, 0.8187, 3.3201, 1.0],
      normalized: [0.192, 0.1287, 0.522, 0.1572],
      ess: 2.8517,
    },
    {
      potential: "max",
      weights: [1.4918, 3.3201, 6.0496, 1.2214],
      normalized: [0.1235, 0.2748, 0.5007, 0.1011],
      ess: 2.8438,
    },
    {
      potential: "sum",
      weights: [1.8221, 9.025, 11.0232, 1.4918],
      normalized: [0.078, 0.3863, 0.4718, 0.0639],
      ess: 2.6176,
    },
  ] as const;
  for (const expected of cases) {
    it(`${expected.potential}: weights, normalized weights and ESS`, () => {
      const { weights } = fkWeights({
        rewards,
        carried,
        potential: expected.potential,
        lambda: 2,
        final: false,
        productOfPotentials: ones,
      });
      expectAllClose(weights, expected.weights, 3);
      expectAllClose(normalize(weights), expected.normalized, 3);
      expect(effectiveSampleSize(weights)).toBeCloseTo(expected.ess, 3);
    });
  }

  it("carries r (diff), max(r, r̃) (max) and r + r̃ (sum) forward", () => {
    const next = (potential: "diff" | "max" | "sum") =>
      fkWeights({ rewards, carried, potential, lambda: 2, final: false, productOfPotentials: ones }).next;
    expect(next("diff")).toEqual(rewards);
    expect(next("max")).toEqual([0.2, 0.6, 0.9, 0.1]);
    expectAllClose(
      next("sum"),
      rewards.map((reward, index) => reward + (carried[index] as number)),
      12,
    );
  });

  it("divides by the product of earlier potentials at the final step (max, sum, current), not for diff", () => {
    const product = [2, 1, 4, 1];
    const final = fkWeights({
      rewards,
      carried,
      potential: "current",
      lambda: 1,
      final: true,
      productOfPotentials: product,
    });
    expectAllClose(
      final.weights,
      rewards.map((reward, index) => Math.exp(reward) / (product[index] as number)),
      12,
    );
    const diff = fkWeights({
      rewards,
      carried,
      potential: "diff",
      lambda: 1,
      final: true,
      productOfPotentials: product,
    });
    expect(diff.weights[0]).toBeCloseTo(Math.exp(0.1), 12);
  });

  it("clamps to 1e10, turns NaN into 0 and all-zero weights into ones", () => {
    expect(
      fkWeights({
        rewards: [1000, Number.NaN],
        carried: [0, 0],
        potential: "current",
        lambda: 1,
        final: false,
        productOfPotentials: [1, 1],
      }).weights,
    ).toEqual([1e10, 0]);
    expect(
      fkWeights({
        rewards: [-1e6, -1e6],
        carried: [0, 0],
        potential: "current",
        lambda: 1,
        final: false,
        productOfPotentials: [1, 1],
      }).weights,
    ).toEqual([1, 1]);
  });

  it("resamples in proportion to the weights; adaptive resampling only below ESS k/2", () => {
    const random = mulberry32(3);
    const counts = [0, 0, 0];
    for (const index of resampleIndices([1, 2, 7], 20000, random)) counts[index] = (counts[index] ?? 0) + 1;
    expect(counts.map((count) => count / 20000)).toEqual([
      expect.closeTo(0.1, 1),
      expect.closeTo(0.2, 1),
      expect.closeTo(0.7, 1),
    ]);
    const even = fkResample({
      rewards: [0.5, 0.5, 0.5, 0.5],
      carried: [0, 0, 0, 0],
      potential: "diff",
      lambda: 1,
      final: false,
      productOfPotentials: ones,
      adaptive: true,
      random,
    });
    expect(even.resampled).toBe(false);
    expect(even.indices).toEqual([0, 1, 2, 3]);
    const skewed = fkResample({
      rewards: [5, 0, 0, 0],
      carried: [0, 0, 0, 0],
      potential: "diff",
      lambda: 2,
      final: false,
      productOfPotentials: ones,
      adaptive: true,
      random,
    });
    expect(skewed.ess).toBeLessThan(2);
    expect(skewed.resampled).toBe(true);
    expect(skewed.indices).toEqual([0, 0, 0, 0]);
  });
});
