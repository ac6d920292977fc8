import { describe, expect, it } from "vitest";
import { dnoSoftLabel, minePairs, winRatesFromScores } from "./pairs.js";

describe("DNO pairs (rlhf.md §16, reconstructed filter)", () => {
  it("pairs best with worst when the margin is large enough", () => {
    expect(minePairs({ scores: [0.2, 0.9, 0.5], minMargin: 0.5 })).toEqual([
      { chosen: 1, rejected: 0, margin: expect.closeTo(0.7, 12) },
    ]);
    expect(minePairs({ scores: [0.2, 0.9, 0.5], minMargin: 0.75 })).toEqual([]);
  });

  it("without --min-margin keeps only a strictly positive margin; with it, margins at the bound count", () => {
    expect(minePairs({ scores: [1, 1, 1] })).toEqual([]);
    expect(minePairs({ scores: [0, 1], minMargin: 1 })).toHaveLength(1);
    expect(minePairs({ scores: [0, 0], minMargin: 0 })).toHaveLength(1);
  });

  it("drops a pair whose chosen response scores below the reference (teacher) output", () => {
    expect(minePairs({ scores: [0.2, 0.6], referenceScore: 0.7 })).toEqual([]);
    expect(minePairs({ scores: [0.2, 0.7], referenceScore: 0.7 })).toHaveLength(1);
  });

  it("best_vs_rest and all pairings", () => {
    const scores = [3, 1, 2];
    expect(
      minePairs({ scores, pairing: "best_vs_rest" }).map((pair) => [pair.chosen, pair.rejected]),
    ).toEqual([
      [0, 2],
      [0, 1],
    ]);
    expect(minePairs({ scores, pairing: "all" }).map((pair) => [pair.chosen, pair.rejected])).toEqual([
      [0, 2],
      [0, 1],
      [2, 1],
    ]);
    expect(minePairs({ scores: [1] })).toEqual([]);
  });

  it("win rates within a group: ties count ½", () => {
    expect(winRatesFromScores([1, 2, 2])).toEqual([0, 0.75, 0.75]);
    expect(winRatesFromScores([5])).toEqual([0.5]);
  });

  it("the soft label σ(0.6 − 0.4) = 0.549834", () => {
    expect(dnoSoftLabel(0.6, 0.4)).toBeCloseTo(0.549834, 6);
  });
});
