import { describe, expect, it } from "vitest";
import { mulberry32 } from "../../core/index.js";
import { buildFromDefinition } from "../definition.js";
import { randomPolicy, rollout } from "../rollout.js";
import type { HypergridObservation } from "./hypergrid.js";
import { hypergrid } from "./hypergrid-definition.js";
import { hypergridDistribution, hypergridReward } from "./hypergrid-reward.js";

const shape = { dimension: 2, side: 8, r0: 0.1, r1: 0.5, r2: 2 };

describe("hypergrid", () => {
  it("rewards R0 at the centre, R0 + R1 on a corner plateau and R0 + R1 + R2 on its ring", () => {
    // H = 8: x/7 − 0.5 for x = 0..7 is ±0.5, ±0.357, ±0.214, ±0.071.
    expect(hypergridReward([3, 4], shape)).toBeCloseTo(0.1, 12);
    expect(hypergridReward([0, 0], shape)).toBeCloseTo(0.6, 12); // |0.5| > 0.25 but not < 0.4
    expect(hypergridReward([1, 6], shape)).toBeCloseTo(2.6, 12); // |0.357| in (0.3, 0.4)
    expect(hypergridReward([1, 3], shape)).toBeCloseTo(0.1, 12); // one coordinate off the plateau
  });

  it("has 2^D ring modes and a normalized target distribution", () => {
    const { probabilities, modes, logPartition } = hypergridDistribution(shape);
    expect(modes.length).toBe(4); // (1|6) × (1|6)
    expect(probabilities.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    // Z = 64·0.1 + 16 plateau cells ({0,1,6,7}²)·0.5 + 4 ring cells·2.
    expect(Math.exp(logPartition)).toBeCloseTo(6.4 + 8 + 8, 9);
  });

  it("increments coordinates, masks the edges, stops with R(x)", () => {
    const grid = buildFromDefinition(hypergrid, { side: 3 });
    const { observation } = grid.reset();
    expect([...grid.actionMask(observation)]).toEqual([1, 1, 1]);
    grid.step(0);
    const edge = grid.step(0);
    expect([...edge.observation.coordinates]).toEqual([2, 0]);
    expect([...grid.actionMask(edge.observation)]).toEqual([0, 1, 1]);
    expect(() => grid.step(0)).toThrow(/at the edge/);
    const stop = grid.step(2);
    expect(stop.terminated).toBe(true);
    expect(stop.reward).toBeCloseTo(hypergridReward([2, 0], { ...shape, side: 3 }), 12);
    expect(stop.info).toMatchObject({ state_index: 2 });
  });

  it("random masked rollouts always end by stopping, within D·(H−1)+1 steps", () => {
    const grid = buildFromDefinition(hypergrid, { dimension: 3, side: 5 });
    const policy = randomPolicy<HypergridObservation>({
      space: grid.actionSpace,
      random: mulberry32(2),
      actionMask: (observation) => grid.actionMask(observation),
    });
    for (let episode = 0; episode < 50; episode++) {
      const trajectory = rollout({ environment: grid, policy });
      expect(trajectory.steps.length).toBeLessThanOrEqual(grid.maxEpisodeSteps);
      expect(trajectory.steps.at(-1)?.terminated).toBe(true);
    }
    expect(buildFromDefinition(hypergrid, {}).renderText()).toContain("#");
  });
});
