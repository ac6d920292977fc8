import { describe, expect, it } from "vitest";
import { argmax } from "./epsilon-greedy.js";
import { QLearningAgent } from "./q-learning.js";
import { rolloutAgent } from "./rollout.js";
import { tabularOptions } from "./tabular-agent.js";
import { CliffWalking, Corridor, optimalActionValues } from "./test-worlds.js";
import { train } from "./train.js";

describe("Q-learning", () => {
  it("learns Q* along the cliff's optimal path (value iteration's numbers) over 5 seeds", () => {
    const environment = new CliffWalking();
    const optimal = optimalActionValues(environment.model, 1);
    expect(Array.from(optimal.get(36) as Float64Array)).toEqual([-13, -113, -14, -14]);
    for (const seed of [1, 2, 3, 4, 5]) {
      const agent = new QLearningAgent<number>({
        environment,
        seed,
        options: tabularOptions.parse({ discount: 1 }),
      });
      train({ agent, environment, episodes: 500, seed });
      const path = rolloutAgent(agent, environment, { maxSteps: 50 });
      expect(path.steps).toHaveLength(13);
      for (const step of path.steps) {
        const learned = agent.actionValues(step.observation);
        const best = optimal.get(step.observation) as Float64Array;
        expect(learned[step.action]).toBeCloseTo(Math.max(...best), 6);
        expect(best[step.action]).toBe(Math.max(...best));
      }
    }
  });

  it("learns the corridor's optimal policy, and Q(s, right) = γ^(steps to goal − 1)", () => {
    const environment = new Corridor({ length: 6 });
    const agent = new QLearningAgent<number>({ environment, seed: 2, options: tabularOptions.parse({}) });
    train({ agent, environment, episodes: 300, seed: 2 });
    for (let cell = 0; cell < 5; cell++) {
      expect(argmax(agent.actionValues(cell))).toBe(1);
      expect(agent.actionValues(cell)[1]).toBeCloseTo(0.99 ** (4 - cell), 6);
    }
  });

  it("explores a long corridor with optimistic initial values where zero-initialized greedy learning stalls", () => {
    // ε = 0 leaves exploration to the initial values alone (Sutton & Barto §2.6).
    const greedyOnly = { epsilon: { start: 0, end: 0, steps: 0 } };
    const environment = new Corridor({ length: 30, maxEpisodeSteps: 60 });
    const solved = (initial: number) =>
      [1, 2, 3, 4, 5].filter((seed) => {
        const agent = new QLearningAgent<number>({
          environment,
          seed,
          options: tabularOptions.parse({ ...greedyOnly, initial_value: initial }),
        });
        const { returns } = train({ agent, environment, episodes: 60, seed });
        return returns.slice(-10).every((value) => value === 1);
      }).length;
    expect(solved(1)).toBe(5);
    expect(solved(0)).toBeLessThan(5);
  });

  it("exposes ε-greedy probabilities under a decaying schedule", () => {
    const environment = new Corridor({ length: 4 });
    const agent = new QLearningAgent<number>({
      environment,
      seed: 1,
      options: tabularOptions.parse({ epsilon: { start: 1, end: 0.2, steps: 4 } }),
    });
    expect(Array.from(agent.actionProbabilities(0))).toEqual([0.5, 0.5]);
    for (let step = 0; step < 2; step++)
      agent.observe({
        observation: 2,
        action: 1,
        reward: 1,
        nextObservation: 3,
        terminated: true,
        truncated: false,
      });
    expect(agent.epsilon).toBeCloseTo(0.6, 12);
    // Q(2, ·) = [0, 0.75]: the greedy arm gets 1 − ε + ε/2.
    expect(Array.from(agent.actionProbabilities(2))).toEqual([0.3, 0.7]);
    expect(Array.from(agent.actionProbabilities(2, { explore: false }))).toEqual([0, 1]);
  });
});
