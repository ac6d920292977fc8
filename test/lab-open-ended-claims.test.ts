import { describe, expect, it } from "vitest";
import { runLab } from "../src/lab/index.js";

/**
 * Issue 18's `open-ended` experiment (XLand, reconstructed) at its DEFAULT settings over seeds 1–3:
 * per claim, on how many seeds it holds. docs/lab.md and docs/FEATURES.md cite these counts (seeds
 * 1–10 from `node bench/lab/seeds.mjs open-ended --seeds 1-10`); a change that moves any of them fails
 * here until the docs say the new count. The two curriculum claims do not hold in this small world
 * (docs/lab.md says why); they are listed as they are. About 1 s a seed on a quiet machine.
 */
const holds: Record<string, number> = {
  "XLand: a curriculum of tasks neither too easy nor too hard": 0,
  "XLand: the filtered curriculum lifts the weakest tasks": 0,
  "XLand: scores improve across generations": 3,
};

describe("open-ended lab claims (issue 18) at the default settings", () => {
  it("each claim holds on the documented number of seeds 1–3", async () => {
    const counts = new Map<string, number>();
    for (const seed of [1, 2, 3]) {
      const results = await runLab({ experiment: "open-ended", seed });
      const prefixes = Object.keys(holds);
      expect(results.claims).toHaveLength(prefixes.length);
      results.claims.forEach((claim, index) => {
        const prefix = prefixes[index] as string;
        expect(claim.claim.startsWith(prefix), `claim ${index}: ${claim.claim}`).toBe(true);
        counts.set(prefix, (counts.get(prefix) ?? 0) + (claim.holds ? 1 : 0));
      });
      // The normalized scores are what XLand reports: shares and percentiles inside [0, 1], p10 ≤ p50.
      const scores = results.scores as { participation: number; p10: number; p50: number }[];
      for (const score of scores) {
        expect(score.participation).toBeGreaterThan(0);
        expect(score.participation).toBeLessThanOrEqual(1);
        expect(score.p10).toBeLessThanOrEqual(score.p50);
        expect(score.p50).toBeLessThanOrEqual(1);
      }
    }
    expect(Object.fromEntries(counts)).toEqual(holds);
  }, 120_000); // Seconds on a quiet machine.
});
