import { describe, expect, it } from "vitest";
import { labRandom } from "../random.js";
import { expectedPayoffs, sampleOthers, sidePayoff, strategyModes } from "./crowd-game.js";
import { createLatentHeads, greedyAction, headValues, recordPayoff } from "./latent-heads.js";
import { createModeSignatures, recordChoices, updateBelief } from "./mode-posterior.js";

const crowdLeft = strategyModes[0] as (typeof strategyModes)[number];

describe("crowd game (meta-representation's world)", () => {
  it("expected payoff by hand: 3 others crowding left (p = 0.75), capacity 3 → left pays 2(1 − 0.75³) − 1", () => {
    const [left, right, home] = expectedPayoffs({ mode: crowdLeft, size: 4, capacity: 3 });
    expect(left).toBeCloseTo(2 * (1 - 0.75 ** 3) - 1, 12);
    expect(right).toBeCloseTo(2 * (1 - 0.2 ** 3) - 1, 12);
    expect(home).toBe(0);
  });

  it("the exact payoffs match simulated play", () => {
    const random = labRandom(7);
    const totals = [0, 0, 0];
    const rounds = 20_000;
    for (let round = 0; round < rounds; round++) {
      const others = sampleOthers({ mode: crowdLeft, size: 6, random });
      expect(others.reduce((sum, count) => sum + count, 0)).toBe(5);
      for (const action of [0, 1, 2])
        totals[action] = (totals[action] as number) + sidePayoff(action, others, 3) / rounds;
    }
    expectedPayoffs({ mode: crowdLeft, size: 6, capacity: 3 }).forEach((value, action) => {
      expect(totals[action]).toBeCloseTo(value, 1);
    });
  });
});

describe("latent heads and mode posterior", () => {
  it("reads an untrained size by linear interpolation between trained sizes", () => {
    const model = createLatentHeads({ heads: 1, actions: 2, sizes: [4, 2] });
    recordPayoff(model, { head: 0, size: 2, action: 0, payoff: 1 });
    recordPayoff(model, { head: 0, size: 4, action: 0, payoff: -1 });
    recordPayoff(model, { head: 0, size: 4, action: 1, payoff: 0.5 });
    expect(headValues(model, 0, 3)).toEqual([0, 0.25]);
    expect(greedyAction(model, 3, [1])).toBe(1);
    expect(() => recordPayoff(model, { head: 0, size: 3, action: 0, payoff: 0 })).toThrow(/size 3/);
  });

  it("the posterior moves to the mode whose signature explains the observed choices", () => {
    const signatures = createModeSignatures(2, 3);
    recordChoices(signatures, 0, [75, 20, 5]);
    recordChoices(signatures, 1, [20, 75, 5]);
    const belief = updateBelief({ signatures, belief: [0.5, 0.5], choices: [2, 8, 0] });
    expect(belief[1]).toBeGreaterThan(0.99);
    expect((belief[0] as number) + (belief[1] as number)).toBeCloseTo(1, 12);
  });
});
