import { describe, expect, it } from "vitest";
import { bestOfNKl } from "../../select/index.js";
import { labRandom } from "../random.js";
import { createRlhfWorld, defaultRlhfWorld } from "../worlds/rlhf-world.js";
import { bestOfNCurve } from "./best-of-n-curve.js";
import { exactBestOfNCurve } from "./exact-best-of-n-curve.js";

describe("exact best-of-n curve on a bandit world", () => {
  const world = createRlhfWorld({ ...defaultRlhfWorld, seed: 3, prompts: 6, candidates: 256 });
  // A proxy that is the gold plus a candidate's first feature: it over-rewards the hack feature.
  const proxy = world.gold.map((gold, index) => gold + (world.features[index * world.dimensions] as number));

  it("starts at the base policy and agrees with the unbiased estimator where both apply", () => {
    const ns = [1, 4, 32];
    const exact = exactBestOfNCurve({ world, reward: proxy, ns });
    expect(exact[0]?.kl).toBeCloseTo(0, 12);
    // The gold is standardized under the base policy: its expectation is 0.
    expect(exact[0]?.gold).toBeCloseTo(0, 10);
    const sampled = bestOfNCurve({ world, reward: proxy, ns, samplesPerPrompt: 4096, random: labRandom(5) });
    exact.forEach((point, at) => {
      expect(point.gold).toBeCloseTo(sampled[at]?.gold ?? Number.NaN, 1);
      expect(point.proxy).toBeCloseTo(sampled[at]?.proxy ?? Number.NaN, 1);
      expect(point.kl).toBeCloseTo(sampled[at]?.exactKl ?? Number.NaN, 12);
      expect(point.formulaKl).toBeCloseTo(bestOfNKl(point.n), 12);
    });
  });

  it("reaches n = 2^20 without sampling: the pick tends to each prompt's top-scored candidate", () => {
    const [point] = exactBestOfNCurve({ world, reward: proxy, ns: [2 ** 20] });
    let gold = 0;
    let kl = 0;
    for (let prompt = 0; prompt < world.prompts; prompt++) {
      let top = prompt * world.candidates;
      for (let index = top; index < (prompt + 1) * world.candidates; index++) {
        if ((proxy[index] as number) > (proxy[top] as number)) top = index;
      }
      gold += (world.gold[top] as number) / world.prompts;
      kl -= Math.log(world.baseProbabilities[top] as number) / world.prompts;
    }
    expect(point?.gold).toBeCloseTo(gold, 2);
    // The exact KL saturates at −log π_base(top), far below the formula's log n − (n − 1)/n.
    expect(point?.kl).toBeLessThanOrEqual(kl + 1e-9);
    expect(point?.kl).toBeGreaterThan(0.9 * kl);
    expect(point?.formulaKl).toBeGreaterThan((point?.kl ?? 0) + 1);
  });
});
