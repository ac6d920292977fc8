import { describe, expect, it } from "vitest";
import { mulberry32 } from "../core/index.js";
import { bestIndex, globalTopIndices, rankByScore, sampledIndices, topIndices } from "./rank.js";

describe("RAFT selection (rlhf.md §17)", () => {
  it("local: keeps index 1 of [0.1, 0.9, 0.3, 0.5]", () => {
    expect(bestIndex([0.1, 0.9, 0.3, 0.5])).toBe(1);
    expect(topIndices([0.1, 0.9, 0.3, 0.5], 2)).toEqual([1, 3]);
  });

  it("global: the top b = 2 of two prompts are (p0, k1) = 0.9 and (p1, k0) = 0.8", () => {
    expect(
      globalTopIndices(
        [
          [0.1, 0.9, 0.3, 0.5],
          [0.8, 0.7, 0.2, 0.0],
        ],
        2,
      ),
    ).toEqual([
      [0, 1],
      [1, 0],
    ]);
  });

  it("breaks ties toward the earlier candidate", () => {
    expect(rankByScore([1, 2, 2, 1])).toEqual([1, 2, 0, 3]);
    expect(bestIndex([3, 3])).toBe(0);
  });

  it("sampled: P(pick i) = softmax(r / T)_i for k = 1, and top-k as T → 0", () => {
    const scores = [0, 1, 2];
    const random = mulberry32(7);
    const counts = [0, 0, 0];
    const draws = 30000;
    for (let draw = 0; draw < draws; draw++) {
      const [index] = sampledIndices({ scores, k: 1, temperature: 1, random });
      counts[index as number] = (counts[index as number] ?? 0) + 1;
    }
    const total = Math.exp(0) + Math.exp(1) + Math.exp(2);
    scores.forEach((score, index) => {
      expect((counts[index] as number) / draws).toBeCloseTo(Math.exp(score) / total, 1);
    });
    expect(sampledIndices({ scores: [0.2, 0.9, 0.5], k: 2, temperature: 1e-4, random })).toEqual([1, 2]);
    expect(sampledIndices({ scores: [0.2, 0.9], k: 5, temperature: 1, random })).toEqual([0, 1]);
  });

  it("refuses k below 1 and a temperature of 0", () => {
    expect(() => topIndices([1], 0)).toThrow(/k must be/);
    expect(() => sampledIndices({ scores: [1], k: 1, temperature: 0, random: Math.random })).toThrow(
      /temperature/,
    );
  });
});
