import { describe, expect, it } from "vitest";
import { combinedBonus } from "./combined-bonus.js";
import { countBonus } from "./count-bonus.js";
import { ellipticalBonus } from "./elliptical-bonus.js";
import { InverseDynamicsEncoder } from "./inverse-dynamics.js";
import { normalizedBonus } from "./normalized-bonus.js";
import { RandomNetworkDistillation } from "./rnd.js";

const step = (observation: string, next: string) => ({ observation, action: 0, next, terminated: false });

describe("intrinsic bonuses on environments (Henaff et al. 2023 §17)", () => {
  it("episodic counts reset at each episode's start; global counts do not", () => {
    const episodic = countBonus<string>({ scope: "episodic", key: (o) => o });
    const global = countBonus<string>({ scope: "global", key: (o) => o });
    for (const bonus of [episodic, global]) bonus.startEpisode("a", {});
    expect([episodic.bonus(step("a", "b")), global.bonus(step("a", "b"))]).toEqual([1, 1]);
    expect(episodic.bonus(step("b", "b"))).toBeCloseTo(1 / Math.SQRT2, 12);
    for (const bonus of [episodic, global]) bonus.startEpisode("a", {});
    // b is new again episodically; globally it is its second visit.
    expect(episodic.bonus(step("a", "b"))).toBe(1);
    expect(global.bonus(step("a", "b"))).toBeCloseTo(1 / Math.SQRT2, 12);
  });

  it("the product combines the worked example's parts (first-visit × 1/√N)", () => {
    const product = combinedBonus<string>({
      episodic: countBonus({ scope: "episodic", key: (o) => o, form: "first_visit" }),
      global: countBonus({ scope: "global", key: (o) => o }),
    });
    product.startEpisode("s", {});
    expect(product.bonus(step("s", "t"))).toBe(1);
    expect(product.bonus(step("t", "t"))).toBe(0);
    product.startEpisode("s", {});
    expect(product.bonus(step("s", "t"))).toBeCloseTo(1 / Math.sqrt(3), 12);
    expect(product.name).toBe("episodic_count_times_global_count");
  });

  it("E3B on a fixed embedding follows the worked example, the start entering without a bonus", () => {
    const e3b = ellipticalBonus<number[]>({ embed: (o) => o, dimension: 2 });
    e3b.startEpisode([1, 0], {});
    expect(e3b.bonus({ observation: [1, 0], action: 0, next: [1, 0], terminated: false })).toBeCloseTo(
      0.909091,
      6,
    );
    expect(e3b.bonus({ observation: [1, 0], action: 0, next: [0, 1], terminated: false })).toBeCloseTo(
      10,
      10,
    );
    expect(() => ellipticalBonus<number[]>({})).toThrow(/embed/);
  });

  it("normalization divides by the running std of the raw values", () => {
    let value = 0;
    const inner = { name: "raw", startEpisode() {}, bonus: () => value };
    const normalized = normalizedBonus<string>(inner);
    value = 1;
    expect(normalized.bonus(step("a", "b"))).toBe(1); // std 0: the raw value
    value = 3;
    expect(normalized.bonus(step("a", "b"))).toBeCloseTo(3, 12); // std of [1, 3] = 1
  });

  it("RND's error falls on states it trains on and stays higher on unseen ones", () => {
    const rnd = new RandomNetworkDistillation({ inputs: 4, seed: 7, learningRate: 0.01 });
    const seen = Float64Array.from([1, 0, 0, 0, 0, 1, 0, 0]);
    const unseen = Float64Array.from([0, 0, 1, 0]);
    const before = rnd.novelty(seen, 2);
    for (let index = 0; index < 300; index++) rnd.train(seen, 2);
    const after = rnd.novelty(seen, 2);
    expect(after[0] as number).toBeLessThan(0.2 * (before[0] as number));
    expect(rnd.novelty(unseen)[0] as number).toBeGreaterThan(2 * (after[0] as number));
  });

  it("the inverse-dynamics encoder learns to tell the action from (φ(s), φ(s′))", () => {
    // A 1-D line of 5 cells (one-hot): action 0 moves left, 1 right.
    const model = new InverseDynamicsEncoder({
      inputs: 5,
      actions: 2,
      embedding: 4,
      seed: 3,
      learningRate: 0.01,
    });
    const before = new Float64Array(8 * 5);
    const after = new Float64Array(8 * 5);
    const actions: number[] = [];
    for (let cell = 0; cell < 4; cell++) {
      before[2 * cell * 5 + cell] = 1;
      after[2 * cell * 5 + cell + 1] = 1;
      actions.push(1);
      before[(2 * cell + 1) * 5 + cell + 1] = 1;
      after[(2 * cell + 1) * 5 + cell] = 1;
      actions.push(0);
    }
    const batch = { before, after, actions, rows: 8 };
    const first = model.train(batch);
    let last = first;
    for (let index = 0; index < 300; index++) last = model.train(batch);
    expect(first).toBeGreaterThan(0.6);
    expect(last).toBeLessThan(0.1);
    expect(model.embed(before.subarray(0, 5)).length).toBe(4);
  });
});
