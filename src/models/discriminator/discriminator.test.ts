import { describe, expect, it } from "vitest";
import { seededRandom } from "../random.js";
import { adversarialReward, adversarialRewardSlope } from "./adversarial-reward.js";
import { Discriminator, type LipschitzPenalty } from "./discriminator.js";
import { pessimisticRewards } from "./pessimistic-reward.js";

/** Expert rows near (1, 1), policy rows near (−1, −1): separable with a margin. */
function batch(seed: number, rows: number) {
  const random = seededRandom(seed);
  const draw = (center: number) =>
    Float64Array.from({ length: rows * 2 }, () => center + 0.3 * random.normal());
  return { expert: draw(1), policy: draw(-1), rows };
}

function train(penalty: LipschitzPenalty | null) {
  const discriminator = new Discriminator({ inputs: 2, hidden: [16], learningRate: 0.01, penalty, seed: 3 });
  let last = discriminator.update(batch(0, 32));
  for (let step = 1; step < 300; step++) last = discriminator.update(batch(step, 32));
  const test = batch(999, 64);
  const interpolated = test.expert.map((value, index) => 0.5 * value + 0.5 * (test.policy[index] as number));
  const norms = discriminator.logitGradientNorms(interpolated, 64);
  return { discriminator, last, test, meanNorm: norms.reduce((total, norm) => total + norm, 0) / 64 };
}

describe("Discriminator", () => {
  it("separates expert from policy rows, with and without the Lipschitz penalty", () => {
    for (const penalty of [null, { coefficient: 10, on: "logit" as const }]) {
      const { discriminator, last, test } = train(penalty);
      expect(last.accuracy).toBeGreaterThan(0.95);
      const expertLogits = discriminator.logits(test.expert, 64);
      const policyLogits = discriminator.logits(test.policy, 64);
      expect(Math.min(...expertLogits)).toBeGreaterThan(Math.max(...policyLogits));
    }
  });

  it("the penalty keeps the logit's slope between the two near k; without it the slope keeps growing", () => {
    const free = train(null);
    const penalized = train({ coefficient: 10, target: 1, on: "logit" });
    expect(free.last.penalty).toBe(0);
    expect(Number.isNaN(free.last.gradientNorm)).toBe(true);
    expect(penalized.last.penalty).toBeGreaterThan(0);
    expect(penalized.meanNorm).toBeGreaterThan(0.5);
    expect(penalized.meanNorm).toBeLessThan(1.6);
    expect(free.meanNorm).toBeGreaterThan(2 * penalized.meanNorm);
  });

  it("is deterministic for a seed", () => {
    const first = train({ coefficient: 10 });
    const again = train({ coefficient: 10 });
    expect(Array.from(again.discriminator.logits(first.test.expert, 64))).toEqual(
      Array.from(first.discriminator.logits(first.test.expert, 64)),
    );
  });
});

describe("adversarial rewards", () => {
  it("minimax −log(1 − D), non-saturating log D, and their sum, the logit", () => {
    const logit = 0.8;
    const probability = 1 / (1 + Math.exp(-logit));
    expect(adversarialReward(logit, "minimax")).toBeCloseTo(-Math.log(1 - probability), 12);
    expect(adversarialReward(logit, "non-saturating")).toBeCloseTo(Math.log(probability), 12);
    expect(adversarialReward(logit, "logit")).toBeCloseTo(
      Math.log(probability) - Math.log(1 - probability),
      12,
    );
    expect(adversarialReward(0, "minimax")).toBeCloseTo(Math.LN2, 12);
    // No overflow far out: −log(1 − σ(800)) ≈ 800.
    expect(adversarialReward(800, "minimax")).toBeCloseTo(800, 9);
    expect(adversarialRewardSlope(0, "minimax")).toBe(0.5);
    expect(adversarialRewardSlope(0, "logit")).toBe(1);
  });

  it("pessimistic preconditioning: the first-order lower bound and the Lipschitz modulation", () => {
    // r(0) = log 2, dr/ds = ½, ‖∇s‖ = 2: log 2 − 0.05 · ½ · 2.
    const [bound] = pessimisticRewards({
      logits: [0],
      logitGradientNorms: [2],
      form: "minimax",
      pessimism: { kind: "lower-bound", radius: 0.05 },
    });
    expect(bound).toBeCloseTo(Math.LN2 - 0.05, 12);
    // ‖∇s‖ = 1.5 over k = 1: × exp(−0.25); 4 over k = 1: exp(−9) is below the floor 0.7.
    const modulated = pessimisticRewards({
      logits: [0, 0, 0],
      logitGradientNorms: [0.5, 1.5, 4],
      form: "minimax",
      pessimism: { kind: "lipschitz-modulation", target: 1, floor: 0.7 },
    });
    expect(Array.from(modulated)).toEqual([
      Math.LN2,
      expect.closeTo(Math.LN2 * Math.exp(-0.25), 12),
      expect.closeTo(Math.LN2 * 0.7, 12),
    ]);
    expect(() =>
      pessimisticRewards({
        logits: [0],
        logitGradientNorms: [],
        form: "minimax",
        pessimism: { kind: "lower-bound", radius: 1 },
      }),
    ).toThrow(/1 logits but 0 gradient norms/);
  });
});
