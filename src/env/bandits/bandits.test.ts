import { describe, expect, it } from "vitest";
import { buildFromDefinition } from "../definition.js";
import { contextualBandit } from "./contextual-bandit-definition.js";
import { multiArmedBandit } from "./multi-armed-bandit-definition.js";

describe("multi-armed bandit", () => {
  it("pays Bernoulli arms at their means, reports regret, truncates at the horizon", () => {
    const bandit = buildFromDefinition(multiArmedBandit, { arms: 2, means: [0.2, 0.7], horizon: 20_000 });
    bandit.reset({ seed: 1 });
    const totals = [0, 0];
    for (let pull = 0; pull < 20_000; pull++) {
      const arm = pull % 2;
      const step = bandit.step(arm);
      totals[arm] = (totals[arm] as number) + step.reward;
      if (pull === 0) {
        expect(step.info).toMatchObject({ mean: 0.2, best_mean: 0.7, optimal: false });
        expect(step.info.regret).toBeCloseTo(0.5, 12);
      }
      expect(step.truncated).toBe(pull === 19_999);
    }
    expect((totals[0] as number) / 10_000).toBeCloseTo(0.2, 1);
    expect((totals[1] as number) / 10_000).toBeCloseTo(0.7, 1);
    expect(() => bandit.step(0)).toThrow(/call reset/);
    bandit.reset();
    expect(() => bandit.step(2)).toThrow(/expected an arm 0..1/);
  });

  it("repeats for a seed; fixed problems keep their means, procedural ones draw new ones per seed", () => {
    const fixed = buildFromDefinition(multiArmedBandit, { distribution: "gaussian" });
    const pulls = (seed: number) => {
      fixed.reset({ seed });
      return Array.from({ length: 10 }, (_, pull) => fixed.step(pull % 10).reward);
    };
    expect(pulls(3)).toEqual(pulls(3));
    expect(pulls(3)).not.toEqual(pulls(4));
    const means = Array.from(fixed.means);
    fixed.reset({ seed: 9 });
    expect(Array.from(fixed.means)).toEqual(means);
    const procedural = buildFromDefinition(multiArmedBandit, { problems: "procedural" });
    procedural.reset({ seed: 1 });
    const first = Array.from(procedural.means);
    procedural.reset({ seed: 2 });
    expect(Array.from(procedural.means)).not.toEqual(first);
    procedural.reset({ seed: 1 });
    expect(Array.from(procedural.means)).toEqual(first);
  });

  it("refuses means that do not match the arms, naming the field", () => {
    expect(() => buildFromDefinition(multiArmedBandit, { arms: 3, means: [0.1] })).toThrow(
      /means: expected 3/,
    );
    expect(() => buildFromDefinition(multiArmedBandit, { arms: 1 })).toThrow(
      expect.objectContaining({ code: "SPEC_INVALID", path: "environments.multi-armed-bandit.arms" }),
    );
  });
});

describe("contextual bandit", () => {
  it("pays θ_a·x plus noise, with the best arm and regret in info", () => {
    const bandit = buildFromDefinition(contextualBandit, { arms: 3, dimension: 4, noise: 0 });
    const { observation } = bandit.reset({ seed: 2 });
    const weights = bandit.armWeights;
    const expected = [0, 1, 2].map((arm) =>
      [0, 1, 2, 3].reduce(
        (sum, index) => sum + (weights[arm * 4 + index] as number) * (observation.features[index] as number),
        0,
      ),
    );
    const best = Math.max(...expected);
    const step = bandit.step(1);
    expect(step.reward).toBeCloseTo(expected[1] as number, 12);
    expect(step.info).toMatchObject({ best_arm: expected.indexOf(best) });
    expect(step.info.regret as number).toBeCloseTo(best - (expected[1] as number), 12);
    expect(step.observation.features).not.toEqual(observation.features);
  });

  it("repeats contexts and payoffs for a seed", () => {
    const run = (seed: number) => {
      const bandit = buildFromDefinition(contextualBandit, { payoff: "logistic" });
      bandit.reset({ seed });
      return Array.from({ length: 30 }, (_, pull) => bandit.step(pull % 5).reward);
    };
    expect(run(5)).toEqual(run(5));
    expect(run(5)).not.toEqual(run(6));
  });
});
