import { describe, expect, it } from "vitest";
import { createAgent } from "./registry.js";
import { rolloutAgent } from "./rollout.js";
import { BernoulliBandit, Corridor } from "./test-worlds.js";
import { train } from "./train.js";

const seeds = [1, 2, 3, 4, 5];

// Learning runs take a few CPU seconds; on the shared two cores under load they can take ten times
// longer in wall time, so the per-test timeout is generous (it guards against hangs, not speed).
describe("REINFORCE with a value baseline (default options)", { timeout: 120_000 }, () => {
  it("prefers the better arm of a 0.3/0.7 Bernoulli bandit after 300 episodes on at least 4 of 5 seeds", () => {
    const solved = seeds.filter((seed) => {
      const environment = new BernoulliBandit({ means: [0.3, 0.7] });
      const agent = createAgent({ agent: "reinforce", environment, seed });
      train({ agent, environment, episodes: 300, seed });
      return (agent.actionProbabilities(0)[1] as number) > 0.8;
    });
    expect(solved.length).toBeGreaterThanOrEqual(4);
  });

  it("walks an 8-cell corridor straight to the goal after 200 episodes on at least 4 of 5 seeds", () => {
    const solved = seeds.filter((seed) => {
      const environment = new Corridor({ length: 8 });
      const agent = createAgent({ agent: "reinforce", environment, seed });
      const { lengths } = train({ agent, environment, episodes: 200, seed });
      expect(lengths[0]).toBeGreaterThan(7);
      return rolloutAgent(agent, environment).steps.length === 7;
    });
    expect(solved.length).toBeGreaterThanOrEqual(4);
  });

  it("fits its baseline toward the returns: V(start) near γ⁶ once the corridor is solved", () => {
    const environment = new Corridor({ length: 8 });
    const agent = createAgent({ agent: "reinforce", environment, seed: 1 });
    train({ agent, environment, episodes: 200, seed: 1 });
    expect(agent.stateValue?.(0)).toBeGreaterThan(0.8);
    expect(agent.stateValue?.(0)).toBeLessThan(1.05);
  });
});
