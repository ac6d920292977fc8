import { describe, expect, it } from "vitest";
import { seededRandom } from "../random.js";
import { trainContrastiveRewardModel } from "./contrastive-reward.js";
import { trainMetaRewardModel } from "./meta-reward.js";

function world(seed: number, options: { pairs: number; flip: number; scaleIn?: (i: number) => number }) {
  const random = seededRandom(seed);
  const width = 12;
  const truth = Array.from({ length: width }, () => random.normal());
  const draw = (scale: (i: number) => number = () => 1) =>
    Float64Array.from({ length: width }, (_, i) => scale(i) * random.normal());
  const reward = (vector: ArrayLike<number>) =>
    Array.from(vector).reduce((sum, value, i) => sum + value * (truth[i] as number), 0);
  const features: Float64Array[] = [];
  const pairs = Array.from({ length: options.pairs }, () => {
    const a = draw(options.scaleIn);
    const b = draw(options.scaleIn);
    features.push(a, b);
    const right = reward(a) > reward(b) !== random.next() < options.flip;
    return right
      ? { chosen: features.length - 2, rejected: features.length - 1 }
      : { chosen: features.length - 1, rejected: features.length - 2 };
  });
  const accuracy = (score: (vector: Float64Array) => number, scale?: (i: number) => number) => {
    let correct = 0;
    for (let trial = 0; trial < 500; trial++) {
      const a = draw(scale);
      const b = draw(scale);
      if (score(a) > score(b) === reward(a) > reward(b)) correct++;
    }
    return correct / 500;
  };
  return { features, pairs, accuracy, draw };
}

describe("Secrets of RLHF II: contrastive reward modelling (§1.4, reconstructed)", () => {
  it("trains an MLP RM with BT + β·InfoNCE over two dropout views of h(chosen) − h(rejected)", () => {
    const { features, pairs, accuracy } = world(3, { pairs: 600, flip: 0.2 });
    const plain = trainContrastiveRewardModel({ features, pairs, contrastiveWeight: 0, epochs: 8, seed: 1 });
    const contrastive = trainContrastiveRewardModel({
      features,
      pairs,
      contrastiveWeight: 0.5,
      epochs: 8,
      seed: 1,
    });
    expect(accuracy((vector) => plain.score(vector))).toBeGreaterThan(0.75);
    // Small effect sizes (docs/reward-models.md): the term must not cost accuracy.
    expect(accuracy((vector) => contrastive.score(vector))).toBeGreaterThan(
      accuracy((vector) => plain.score(vector)) - 0.02,
    );
    expect(contrastive.represent(features[0] as Float64Array)).toHaveLength(32);
  });
});

describe("MetaRM (reconstructed, linear reward, exact meta-gradient)", () => {
  it("learns the in-distribution preference with or without the inner step on shifted responses", () => {
    const scaleIn = (i: number) => (i < 6 ? 1 : 0.15);
    const scaleShift = (i: number) => (i < 6 ? 0.15 : 1);
    const { features, pairs, accuracy, draw } = world(2, { pairs: 500, flip: 0.1, scaleIn });
    const shifted = Array.from({ length: 300 }, () => ({
      first: draw(scaleShift),
      second: draw(scaleShift),
    }));
    const plain = trainMetaRewardModel({ features, pairs, shifted, innerRate: 0, seed: 1 });
    const meta = trainMetaRewardModel({ features, pairs, shifted, innerRate: 0.05, seed: 1 });
    expect(accuracy(plain.score, scaleIn)).toBeGreaterThan(0.85);
    expect(accuracy(meta.score, scaleIn)).toBeGreaterThan(0.85);
    expect([...meta.weights]).not.toEqual([...plain.weights]);
    // The inner step is a real step: with α > 0 the weights and the shifted difference loss move.
    expect(meta.differenceLoss(shifted)).not.toBeCloseTo(plain.differenceLoss(shifted), 3);
  });
});
