import { describe, expect, it } from "vitest";
import { pearson, ranks, spearman } from "./rank-correlation.js";

describe("rank correlation", () => {
  it("averages tied ranks and gives 1 for any increasing relation", () => {
    expect(ranks([10, 20, 20, 5])).toEqual([2, 3.5, 3.5, 1]);
    expect(spearman([1, 2, 3, 4], [1, 8, 27, 64])).toBeCloseTo(1, 12);
    expect(spearman([1, 2, 3, 4], [4, 3, 2, 1])).toBeCloseTo(-1, 12);
  });

  it("matches a hand computation (ρ = 0.9 for one swapped neighbour pair of five) and NaN for a constant", () => {
    expect(spearman([1, 2, 3, 4, 5], [1, 3, 2, 4, 5])).toBeCloseTo(0.9, 12);
    expect(pearson([1, 2, 3], [2, 2, 2])).toBeNaN();
  });
});
