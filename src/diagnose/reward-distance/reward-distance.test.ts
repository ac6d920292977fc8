import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { epicCanonical, epicDistance, weightedPearson } from "./epic.js";
import { groupCentered, groupedStarcDistance } from "./grouped.js";
import { sampledEpicDistance, type Transition } from "./sampled-epic.js";
import { normalizeReward, starcDistance, valCanonical } from "./starc.js";
import { policyValue, shapeReward, type TabularMdp, transitionIndex } from "./tabular-mdp.js";

// rm-rl.md §15.3: S = {0, 1}, A = {0, 1}, s' = a, γ = 0.9.
const mdp: TabularMdp = (() => {
  const transitions = new Float64Array(8);
  for (let s = 0; s < 2; s++)
    for (let a = 0; a < 2; a++) transitions[transitionIndex({ states: 2, actions: 2 }, s, a, a)] = 1;
  return { states: 2, actions: 2, transitions, gamma: 0.9 };
})();
const tabulate = (f: (s: number, a: number, next: number) => number) => {
  const out = new Float64Array(8);
  for (let s = 0; s < 2; s++)
    for (let a = 0; a < 2; a++)
      for (let next = 0; next < 2; next++) out[transitionIndex(mdp, s, a, next)] = f(s, a, next);
  return out;
};
const r1 = tabulate((_s, _a, next) => (next === 1 ? 1 : 0));
const r2 = shapeReward(mdp, r1, { potential: [0, 5], scale: 2 });
const r4 = r1.map((value) => -value);
const r5 = tabulate((s, a) => (s === 0 && a === 1 ? 1 : 0));

describe("STARC and EPIC on the methods doc's worked example (rm-rl.md §15.3)", () => {
  it("EPIC canonicalizes R1 to ±0.5 and gives 0, 1 and 0.8766 (ρ −0.5369)", () => {
    expect([...epicCanonical(mdp, r1)]).toEqual(
      [-0.5, 0.5, -0.5, 0.5, -0.5, 0.5, -0.5, 0.5].map((value) => expect.closeTo(value, 12)),
    );
    expect(epicDistance(mdp, r1, r2)).toBeCloseTo(0, 6);
    expect(epicDistance(mdp, r1, r4)).toBeCloseTo(1, 10);
    expect(weightedPearson(epicCanonical(mdp, r1), epicCanonical(mdp, r5))).toBeCloseTo(-0.5369, 4);
    expect(epicDistance(mdp, r1, r5)).toBeCloseTo(0.8766, 4);
  });

  it("VAL under the uniform policy: V(R1) = [5, 5], V(R5) = [2.75, 2.25], canonical forms as listed", () => {
    const uniform = new Float64Array(4).fill(0.5);
    expect([...policyValue(mdp, r1, uniform)]).toEqual([expect.closeTo(5, 10), expect.closeTo(5, 10)]);
    expect([...policyValue(mdp, r5, uniform)]).toEqual([expect.closeTo(2.75, 10), expect.closeTo(2.25, 10)]);
    expect([...valCanonical(mdp, r1)]).toEqual(
      [-0.5, 0.5, -0.5, 0.5].map((value) => expect.closeTo(value, 10)),
    );
    expect([...normalizeReward(valCanonical(mdp, r1))]).toEqual(
      [-0.5, 0.5, -0.5, 0.5].map((value) => expect.closeTo(value, 10)),
    );
    expect([...valCanonical(mdp, r5)]).toEqual(
      [-0.275, 0.275, 0.225, -0.225].map((value) => expect.closeTo(value, 10)),
    );
  });

  it("STARC (VAL, L2): 0, 2 and 1.3420 (halved 0, 1, 0.6710)", () => {
    expect(starcDistance(mdp, r1, r2)).toBeCloseTo(0, 8);
    expect(starcDistance(mdp, r1, r4)).toBeCloseTo(2, 8);
    expect(starcDistance(mdp, r1, r5)).toBeCloseTo(1.342, 3);
    expect(starcDistance(mdp, r1, r5, { halve: true })).toBeCloseTo(0.671, 3);
  });

  it("refuses weights of the wrong length, naming them", () => {
    expect(() => starcDistance(mdp, r1, r5, { weights: [1, 1] })).toThrow(/weights: expected 4 entries/);
  });
});

describe("invariances (property tests on random MDPs)", () => {
  const randomMdp = fc
    .record({
      states: fc.integer({ min: 2, max: 4 }),
      actions: fc.integer({ min: 2, max: 3 }),
      seed: fc.array(fc.double({ min: 0.01, max: 1, noNaN: true }), { minLength: 48, maxLength: 48 }),
      reward: fc.array(fc.double({ min: -3, max: 3, noNaN: true }), { minLength: 48, maxLength: 48 }),
      potential: fc.array(fc.double({ min: -10, max: 10, noNaN: true }), { minLength: 4, maxLength: 4 }),
      scale: fc.double({ min: 0.1, max: 20, noNaN: true }),
    })
    .map(({ states, actions, seed, reward, potential, scale }) => {
      const size = states * actions * states;
      const transitions = new Float64Array(size);
      for (let sa = 0; sa < states * actions; sa++) {
        let total = 0;
        for (let next = 0; next < states; next++) total += seed[(sa * states + next) % 48] as number;
        for (let next = 0; next < states; next++)
          transitions[sa * states + next] = (seed[(sa * states + next) % 48] as number) / total;
      }
      const world: TabularMdp = { states, actions, transitions, gamma: 0.9 };
      return {
        world,
        reward: Float64Array.from(reward.slice(0, size)),
        potential: potential.slice(0, states),
        scale,
      };
    });

  it("potential shaping and positive scaling leave both distances at 0", () => {
    fc.assert(
      fc.property(randomMdp, ({ world, reward, potential, scale }) => {
        const canonical = epicCanonical(world, reward);
        // A reward that is itself pure shaping has no EPIC distance (NaN), by definition.
        fc.pre(Math.max(...canonical) - Math.min(...canonical) > 1e-6);
        const shaped = shapeReward(world, reward, { potential, scale });
        expect(starcDistance(world, reward, shaped)).toBeLessThan(1e-6);
        expect(epicDistance(world, reward, shaped)).toBeLessThan(1e-4);
      }),
      { numRuns: 60 },
    );
  });

  it("STARC is symmetric and satisfies the triangle inequality", () => {
    fc.assert(
      fc.property(randomMdp, randomMdp, ({ world, reward }, other) => {
        const b = Float64Array.from(
          reward,
          (_, index) => other.reward[index % other.reward.length] as number,
        );
        const c = reward.map((value, index) => value * ((index % 3) - 1));
        const ab = starcDistance(world, reward, b);
        expect(starcDistance(world, b, reward)).toBeCloseTo(ab, 9);
        expect(ab).toBeLessThanOrEqual(starcDistance(world, reward, c) + starcDistance(world, c, b) + 1e-9);
      }),
      { numRuns: 40 },
    );
  });
});

describe("sampled EPIC and grouped STARC", () => {
  it("sampled EPIC on all triples with uniform draws equals the tabular value (0.8766)", async () => {
    const triples: Transition<number, number>[] = [];
    for (let s = 0; s < 2; s++)
      for (let a = 0; a < 2; a++)
        for (let next = 0; next < 2; next++) triples.push({ state: s, action: a, nextState: next });
    const lookup = (table: Float64Array) => (batch: readonly Transition<number, number>[]) =>
      batch.map((t) => table[transitionIndex(mdp, t.state, t.action, t.nextState)] as number);
    // Every (action, next state) combination once: the sample means are the exact expectations.
    const result = await sampledEpicDistance(lookup(r1), lookup(r5), {
      coverage: triples,
      states: [0, 1, 0, 1],
      actions: [0, 0, 1, 1],
      gamma: 0.9,
    });
    expect(result.distance).toBeCloseTo(0.8766, 4);
    const shaped = await sampledEpicDistance(lookup(r1), lookup(r2), {
      coverage: triples,
      states: [0, 1, 0, 1],
      actions: [0, 0, 1, 1],
      gamma: 0.9,
    });
    expect(shaped.distance).toBeCloseTo(0, 6);
  });

  it("grouped STARC ignores per-prompt offsets and scale, and flags a reward that ranks nothing", () => {
    const groups = ["p", "p", "p", "q", "q"];
    const a = [1, 2, 3, 0, 1];
    const offset = [11, 12, 13, -5, -4].map((value) => value * 3);
    expect(groupedStarcDistance({ rewardsA: a, rewardsB: offset, groups }).distance).toBeCloseTo(0, 12);
    expect(
      groupedStarcDistance({ rewardsA: a, rewardsB: a.map((value) => -value), groups, halve: true }).distance,
    ).toBeCloseTo(1, 12);
    expect(groupedStarcDistance({ rewardsA: a, rewardsB: [4, 4, 4, 7, 7], groups }).distance).toBeNaN();
    expect([...groupCentered([1, 3, 5], ["x", "x", "y"])]).toEqual([-1, 1, 0]);
  });
});
