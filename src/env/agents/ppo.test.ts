import { describe, expect, it } from "vitest";
import type { PpoAgent } from "./ppo.js";
import { createAgent } from "./registry.js";
import { rolloutAgent } from "./rollout.js";
import { BernoulliBandit, Corridor } from "./test-worlds.js";
import { train } from "./train.js";

const seeds = [1, 2, 3, 4, 5];

// Learning runs take a few CPU seconds; on the shared two cores under load they can take ten times
// longer in wall time, so the per-test timeout is generous (it guards against hangs, not speed).
describe("PPO (CleanRL's defaults)", { timeout: 120_000 }, () => {
  it("prefers the better arm of a 0.3/0.7 Bernoulli bandit after 1024 steps (8 updates) on at least 4 of 5 seeds", () => {
    const solved = seeds.filter((seed) => {
      const environment = new BernoulliBandit({ means: [0.3, 0.7] });
      const agent = createAgent({ agent: "ppo", environment, seed });
      train({ agent, environment, steps: 1024, seed });
      return (agent.actionProbabilities(0)[1] as number) > 0.8;
    });
    expect(solved.length).toBeGreaterThanOrEqual(4);
  });

  it("walks an 8-cell corridor straight to the goal after 2048 steps (16 updates) on at least 4 of 5 seeds", () => {
    const solved = seeds.filter((seed) => {
      const environment = new Corridor({ length: 8 });
      const agent = createAgent({ agent: "ppo", environment, seed });
      train({ agent, environment, steps: 2048, seed });
      expect((agent as PpoAgent<number>).updates).toBe(16);
      return rolloutAgent(agent, environment).steps.length === 7;
    });
    expect(solved.length).toBeGreaterThanOrEqual(4);
  });

  it("stops an update's epochs early when the approximate KL passes target_kl", () => {
    const environment = new Corridor({ length: 8 });
    const run = (targetKl: number | null) => {
      const agent = createAgent({
        agent: "ppo",
        environment,
        seed: 3,
        options: { learning_rate: 0.01, target_kl: targetKl, update_epochs: 10 },
      }) as PpoAgent<number>;
      train({ agent, environment, steps: 256, seed: 3 });
      return agent;
    };
    const free = run(null);
    const limited = run(1e-6);
    // The limit stops after the first epoch, so less KL accumulates than in ten free epochs.
    expect(limited.lastApproximateKl).toBeGreaterThan(1e-6);
    expect(limited.lastApproximateKl).toBeLessThan(free.lastApproximateKl);
  });
});
