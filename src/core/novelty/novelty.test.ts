import { describe, expect, it } from "vitest";
import { combineBonuses } from "./combine.js";
import { firstVisit, inverseSqrtCount, VisitCounts } from "./counts.js";
import { EllipticalEpisode } from "./elliptical.js";

describe("E3B's elliptical bonus (methods doc §17.3)", () => {
  it("matches the worked example: φ = [1,0] three times, then [0,1]", () => {
    const episode = new EllipticalEpisode({ dimension: 2, ridge: 0.1 });
    expect(episode.bonus([1, 0])).toBeCloseTo(10, 10);
    expect(episode.bonus([1, 0])).toBeCloseTo(0.909091, 6);
    expect(episode.bonus([1, 0])).toBeCloseTo(0.47619, 5);
    expect(episode.bonus([0, 1])).toBeCloseTo(10, 10);
    episode.reset();
    expect(episode.bonus([1, 0])).toBeCloseTo(10, 10);
  });

  it("equals the direct φᵀ(λI + Σφφᵀ)⁻¹φ for non-orthogonal embeddings", () => {
    const episode = new EllipticalEpisode({ dimension: 2, ridge: 0.5 });
    episode.bonus([1, 2]);
    // C = 0.5 I + [1 2; 2 4] = [1.5 2; 2 4.5], det = 2.75, C⁻¹ = [4.5 −2; −2 1.5]/2.75
    const phi = [0.5, -1];
    const direct = (4.5 * 0.25 - 2 * 2 * 0.5 * -1 + 1.5 * 1) / 2.75;
    expect(episode.bonus(phi)).toBeCloseTo(direct, 12);
  });

  it("refuses wrong sizes and non-finite embeddings", () => {
    const episode = new EllipticalEpisode({ dimension: 2 });
    expect(() => episode.bonus([1])).toThrow(/2 numbers/);
    expect(() => episode.bonus([Number.NaN, 0])).toThrow(/non-finite/);
    expect(() => new EllipticalEpisode({ dimension: 0 })).toThrow(/positive integer/);
  });
});

describe("count bonuses and their combination (§17.1–17.3)", () => {
  it("1/√N, the first-visit indicator, and the worked product and sum", () => {
    const counts = new VisitCounts();
    expect([counts.visit("a"), counts.visit("a"), counts.visit("b")]).toEqual([1, 2, 1]);
    expect(counts.size).toBe(2);
    expect(inverseSqrtCount(4)).toBe(0.5);
    expect([firstVisit(1), firstVisit(2)]).toEqual([1, 0]);
    expect(() => inverseSqrtCount(0)).toThrow(/at least 1/);
    // b_ep = E3B's second visit of [1, 0] (1/1.1), b_glob = 1/√4
    const episode = new EllipticalEpisode({ dimension: 2, ridge: 0.1 });
    episode.bonus([1, 0]);
    const episodic = episode.bonus([1, 0]);
    const global = inverseSqrtCount(4);
    expect(combineBonuses({ episodic, global, combine: "product" })).toBeCloseTo(0.454545, 6);
    expect(combineBonuses({ episodic, global, combine: "sum" })).toBeCloseTo(1.409091, 6);
    counts.clear();
    expect(counts.count("a")).toBe(0);
  });
});
