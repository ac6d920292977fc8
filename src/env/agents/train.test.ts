import { describe, expect, it } from "vitest";
import type { Environment } from "../environment.js";
import type { Agent, Experience } from "./agent.js";
import { createAgent } from "./registry.js";
import { BernoulliBandit, Corridor } from "./test-worlds.js";
import { train } from "./train.js";

/** An agent that always goes right and records what it is taught. */
function recorder(): Agent<number> & { seen: Experience<number>[] } {
  const seen: Experience<number>[] = [];
  return {
    kind: "recorder",
    seen,
    act: () => 1,
    actionProbabilities: () => Float64Array.of(0, 1),
    observe: (experience) => {
      seen.push(experience);
    },
  };
}

describe("train", () => {
  it("runs episodes to their end and reports returns, lengths and totals", () => {
    const agent = recorder();
    const summaries: number[] = [];
    const result = train({
      agent,
      environment: new Corridor({ length: 4 }),
      episodes: 3,
      seed: 1,
      onEpisode: (summary) => summaries.push(summary.totalSteps),
    });
    expect(result).toEqual({
      returns: [1, 1, 1],
      learnerReturns: [1, 1, 1],
      lengths: [3, 3, 3],
      episodes: 3,
      steps: 9,
    });
    expect(summaries).toEqual([3, 6, 9]);
    expect(agent.seen.map((step) => step.terminated)).toEqual([
      false,
      false,
      true,
      false,
      false,
      true,
      false,
      false,
      true,
    ]);
  });

  it("cuts the episode under way at the step budget: the learner sees it truncated, the result leaves it out", () => {
    const agent = recorder();
    const result = train({ agent, environment: new Corridor({ length: 4 }), steps: 7, seed: 1 });
    expect(result.steps).toBe(7);
    expect(result.lengths).toEqual([3, 3]);
    const last = agent.seen.at(-1) as Experience<number>;
    expect(last).toMatchObject({ observation: 0, nextObservation: 1, terminated: false, truncated: true });
  });

  it("truncates at maxEpisodeSteps and marks the step for bootstrapping", () => {
    const agent = { ...recorder(), act: () => 0 };
    const seen: Experience<number>[] = [];
    agent.observe = (experience) => {
      seen.push(experience);
    };
    const result = train({
      agent,
      environment: new Corridor({ length: 4 }),
      episodes: 2,
      seed: 1,
      maxEpisodeSteps: 5,
    });
    expect(result.lengths).toEqual([5, 5]);
    expect(result.returns).toEqual([0, 0]);
    expect(seen.filter((step) => step.truncated)).toHaveLength(2);
  });

  it("hands the learner the reward hook's reward (an intrinsic bonus) and records both returns", () => {
    const environment = new BernoulliBandit({ means: [0.3, 0.7] });
    // A bonus of 1 for arm 0 outweighs arm 1's better extrinsic mean: the learner should come to prefer arm 0.
    const agent = createAgent({ agent: "q-learning", environment, seed: 4, options: { learning_rate: 0.1 } });
    const result = train({
      agent,
      environment,
      episodes: 400,
      seed: 4,
      reward: ({ reward, action }) => reward + (action === 0 ? 1 : 0),
    });
    expect(agent.act(0, { explore: false })).toBe(0);
    const bonusTotal =
      result.learnerReturns.reduce((sum, value) => sum + value, 0) -
      result.returns.reduce((sum, value) => sum + value, 0);
    expect(bonusTotal).toBeGreaterThan(300);
  });

  it("builds a fresh environment per episode from a factory, each with its own seed, repeatably", () => {
    const seeds: number[] = [];
    const factory = ({ seed }: { seed: number }): Environment<number, number> => {
      seeds.push(seed);
      return new Corridor({ length: 2 + (seed % 3) });
    };
    const first = train({ agent: recorder(), environment: factory, episodes: 5, seed: 9 });
    const firstSeeds = seeds.splice(0);
    const second = train({ agent: recorder(), environment: factory, episodes: 5, seed: 9 });
    expect(new Set(firstSeeds).size).toBe(5);
    expect(seeds).toEqual(firstSeeds);
    expect(second.lengths).toEqual(first.lengths);
    expect(first.lengths).toEqual(firstSeeds.map((seed) => 1 + (seed % 3)));
  });

  it("refuses budgets it cannot honour, with the reason", () => {
    const environment = new Corridor({ length: 4 });
    expect(() => train({ agent: recorder(), environment, seed: 1 })).toThrow(
      /exactly one of `episodes` and `steps`/,
    );
    expect(() => train({ agent: recorder(), environment, episodes: 0, seed: 1 })).toThrow(/positive integer/);
    const endless = Object.assign(new Corridor({ length: 4 }), {
      maxEpisodeSteps: undefined,
    }) as unknown as Environment<number>;
    expect(() => train({ agent: recorder(), environment: endless, episodes: 1, seed: 1 })).toThrow(
      /"corridor" has no maxEpisodeSteps/,
    );
    expect(train({ agent: recorder(), environment: endless, steps: 5, seed: 1 }).steps).toBe(5);
    expect(() =>
      train({ agent: recorder(), environment, episodes: 1, seed: 1, reward: () => Number.NaN }),
    ).toThrow(/episode 0 step 0: the learner's reward is NaN/);
  });
});
