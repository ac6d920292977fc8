import { describe, expect, it } from "vitest";
import { seededRandom } from "../random.js";
import { type PolarTriplet, polarPairFeatures, trainPolar } from "./polar-model.js";

describe("POLAR's policy discriminator", () => {
  it("pair features are [(ref − cand)², ref ⊙ cand] (or the distance part alone) and refuse mismatched sizes", () => {
    expect([...polarPairFeatures([1, 2], [3, -1])]).toEqual([4, 9, 3, -2]);
    expect([...polarPairFeatures([1, 2], [3, -1], "distance")]).toEqual([4, 9]);
    expect(() => polarPairFeatures([1], [1, 2])).toThrow(/dimensions/);
  });

  it("learns from same-policy vs other-policy triplets to score a policy's own samples above others'", () => {
    const random = seededRandom(11);
    const dimensions = 6;
    const policy = () => Array.from({ length: dimensions }, () => 1.5 * random.normal());
    const sample = (style: number[]) => style.map((value) => value + random.normal());
    const pool = Array.from({ length: 12 }, policy);
    const triplets: PolarTriplet[] = Array.from({ length: 1500 }, () => {
      const a = pool[random.int(pool.length)] as number[];
      let b = pool[random.int(pool.length)] as number[];
      while (b === a) b = pool[random.int(pool.length)] as number[];
      return { reference: sample(a), chosen: sample(a), rejected: sample(b) };
    });
    const model = trainPolar({ triplets, seed: 3 });
    // Held-out policies: the discriminator was never shown them.
    let correct = 0;
    for (let trial = 0; trial < 400; trial++) {
      const target = policy();
      const other = policy();
      const reference = sample(target);
      if (model.score(reference, sample(target)) > model.score(reference, sample(other))) correct++;
    }
    expect(correct / 400).toBeGreaterThan(0.8);
    const reference = sample(pool[0] as number[]);
    expect(model.score(reference, reference)).toBeGreaterThan(
      model.score(reference, sample(pool[1] as number[])),
    );
  });
});
