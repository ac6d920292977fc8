import { describe, expect, it } from "vitest";
import { trajectoryReturn } from "../trajectory.js";
import { ExpectedSarsaAgent } from "./expected-sarsa.js";
import { rolloutAgent } from "./rollout.js";
import { tabularOptions } from "./tabular-agent.js";
import { CliffWalking } from "./test-worlds.js";
import { train } from "./train.js";

describe("expected SARSA", () => {
  it("learns a safe cliff path, on 5 of 5 seeds, without falling as Q-learning does while exploring", () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const environment = new CliffWalking();
      const agent = new ExpectedSarsaAgent<number>({
        environment,
        seed,
        options: tabularOptions.parse({ discount: 1 }),
      });
      const { returns } = train({ agent, environment, episodes: 500, seed });
      const greedy = trajectoryReturn(rolloutAgent(agent, environment, { maxSteps: 100 }));
      expect(greedy).toBeLessThan(-13);
      expect(greedy).toBeGreaterThanOrEqual(-17);
      const online = returns.slice(-100).reduce((sum, value) => sum + value, 0) / 100;
      expect(online).toBeGreaterThan(-35);
    }
  });

  it("bootstraps on the ε-greedy expectation of the next values", () => {
    const environment = new CliffWalking();
    const agent = new ExpectedSarsaAgent<number>({
      environment,
      seed: 1,
      options: tabularOptions.parse({ learning_rate: 1, discount: 1 }),
    });
    // Teach Q(0, ·) = [-1, -2, -3, -4] one terminal-looking step at a time.
    [-1, -2, -3, -4].forEach((reward, action) => {
      agent.observe({
        observation: 0,
        action,
        reward,
        nextObservation: 1,
        terminated: true,
        truncated: false,
      });
    });
    agent.observe({
      observation: 12,
      action: 0,
      reward: -1,
      nextObservation: 0,
      terminated: false,
      truncated: false,
    });
    // π(·|0) with ε = 0.1: 0.925 on action 0, 0.025 elsewhere → E[Q] = −0.925 − 0.025 · 9 = −1.15.
    expect(agent.actionValues(12)[0]).toBeCloseTo(-2.15, 12);
  });
});
