import { describe, expect, it } from "vitest";
import { trajectoryReturn } from "../trajectory.js";
import { createAgent } from "./registry.js";
import { rolloutAgent } from "./rollout.js";
import { CliffWalking, Corridor } from "./test-worlds.js";
import { train } from "./train.js";

describe("rollout", () => {
  it("records a function policy's episode as a Trajectory", () => {
    const trajectory = rolloutAgent(() => 1, new Corridor({ length: 3 }), { seed: 5 });
    expect(trajectory).toEqual({
      environment: "corridor",
      seed: 5,
      steps: [
        { observation: 0, action: 1, reward: 0, terminated: false, truncated: false, info: {} },
        { observation: 1, action: 1, reward: 1, terminated: true, truncated: false, info: {} },
      ],
      finalObservation: 2,
    });
  });

  it("ends at maxSteps with the last step marked truncated", () => {
    const trajectory = rolloutAgent(() => 0, new Corridor({ length: 3 }), { maxSteps: 4 });
    expect(trajectory.steps).toHaveLength(4);
    expect(trajectory.steps.map((step) => step.truncated)).toEqual([false, false, false, true]);
  });

  it("plays an agent greedily without teaching it, or exploring when asked", () => {
    const environment = new CliffWalking();
    const agent = createAgent({ agent: "q-learning", environment, seed: 1, options: { discount: 1 } });
    train({ agent, environment, episodes: 300, seed: 1 });
    const before = agent.actionValues?.(36);
    expect(trajectoryReturn(rolloutAgent(agent, environment))).toBe(-13);
    expect(agent.actionValues?.(36)).toEqual(before);
    const explored = [1, 2, 3, 4, 5].map(
      (seed) => rolloutAgent(agent, environment, { explore: true, seed }).steps.length,
    );
    expect(explored.some((length) => length !== 13)).toBe(true);
  });
});
