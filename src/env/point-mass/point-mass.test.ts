import { describe, expect, it } from "vitest";
import { createEnvironment } from "../environments.js";
import { pointMassStep } from "./point-mass-dynamics.js";
import { pointMassExpertAction } from "./point-mass-expert.js";

const physics = { damping: 0.8, thrust: 0.02, maxSpeed: 0.08 };

describe("point-mass", () => {
  it("damps, thrusts, clips the speed and stops at walls", () => {
    const next = pointMassStep({ x: 0.5, y: 0.5, vx: 0.05, vy: 0 }, 2, physics);
    // vx′ = 0.8·0.05 + 0.02 = 0.06; x′ = 0.56.
    expect(next.vx).toBeCloseTo(0.06, 12);
    expect(next.x).toBeCloseTo(0.56, 12);
    expect(pointMassStep({ x: 0.5, y: 0.5, vx: 0.1, vy: 0 }, 2, physics).vx).toBeCloseTo(0.08, 12);
    const wall = pointMassStep({ x: 0.99, y: 0.5, vx: 0.08, vy: 0 }, 2, physics);
    expect(wall).toEqual({ x: 1, y: 0.5, vx: 0, vy: 0 });
    expect(() => pointMassStep({ x: 0, y: 0, vx: 0, vy: 0 }, 5, physics)).toThrow(/0\.\.4/);
  });

  it("the demonstrator reaches the goal disc and the sparse reward ends the episode there", () => {
    const environment = createEnvironment("point-mass", { reward: "sparse" });
    let { observation } = environment.reset({ seed: 3 });
    let steps = 0;
    let ended = false;
    let reward = 0;
    while (!ended) {
      const action = pointMassExpertAction({ state: observation, goal: [0.8, 0.8], physics });
      const result = environment.step(action);
      observation = result.observation;
      reward += result.reward;
      ended = result.terminated || result.truncated;
      steps++;
      if (ended) expect(result.terminated).toBe(true);
    }
    expect(reward).toBe(1);
    expect(steps).toBeLessThan(40);
  });
});
