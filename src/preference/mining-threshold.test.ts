import { describe, expect, it } from "vitest";
import { seededRandom } from "../models/index.js";
import type { ScoredResponse } from "./formats/grouped-pairs.js";
import { chooseMiningThreshold } from "./mining-threshold.js";
import type { PreferencePair } from "./pair.js";

// Community feedback: each item's quality is the count of good words minus bad words; its likes are
// Poisson with a mean growing with quality, so small counts are mostly noise.
const good = ["vivid", "sharp", "balanced", "striking"];
const bad = ["blurry", "noisy", "flat", "garbled"];
const random = seededRandom(5);
function item(group: string): ScoredResponse {
  const words = Array.from({ length: 6 }, () => (random.next() < 0.5 ? good : bad)[random.int(4)] as string);
  const quality = words.filter((word) => good.includes(word)).length - 3;
  const mean = 1.5 * Math.exp(0.25 * quality);
  let likes = 0;
  for (let left = Math.exp(-mean), sum = left, u = random.next(); u > sum; likes++) {
    left *= mean / (likes + 1);
    sum += left;
  }
  const response = words.join(" ");
  return { group, prompt: group, response, value: likes, where: group, row: {} };
}

describe("Social Reward's mining threshold (reconstructed), chosen on held-out judgements", () => {
  it("scores every candidate; an interior threshold beats both the loosest (noisy pairs) and the strictest (too few)", () => {
    const items = Array.from({ length: 240 }, (_, index) => item(`prompt ${index % 60}`));
    const quality = (text: string) => text.split(" ").filter((word) => good.includes(word)).length;
    const validation: PreferencePair[] = [];
    while (validation.length < 200) {
      const [a, b] = [item("v"), item("v")];
      if (quality(a.response) === quality(b.response)) continue;
      const [chosen, rejected] = quality(a.response) > quality(b.response) ? [a, b] : [b, a];
      validation.push({
        prompt: "v",
        chosen: chosen.response,
        rejected: rejected.response,
        where: "v",
        row: {},
      });
    }
    const { best, trials } = chooseMiningThreshold({
      items,
      validation,
      candidates: [
        { minEngagement: 1, minRatio: 1.01 },
        { minEngagement: 2, minRatio: 2 },
        { minEngagement: 4, minRatio: 3 },
      ],
      featurizer: { hashed: { bits: 8, ngrams: [1, 1] }, hand: false },
      minPairs: 5,
    });
    expect(trials).toHaveLength(3);
    expect(trials[0]?.pairs).toBeGreaterThan(trials[2]?.pairs as number);
    expect(best.accuracy).toBe(Math.max(...trials.map((trial) => trial.accuracy)));
    expect(best.accuracy).toBeGreaterThan(0.8);
    // The trade-off: the loosest rule mines twice the pairs but noisier ones (0.96), the strictest
    // too few (0.85); the middle one wins (0.97).
    expect(best).toMatchObject({ minEngagement: 2, minRatio: 2 });
    expect(trials[2]?.accuracy).toBeLessThan(best.accuracy);
    expect(() => chooseMiningThreshold({ items, validation, candidates: [{ minEngagement: 1e6 }] })).toThrow(
      /no candidate/,
    );
  });
});
