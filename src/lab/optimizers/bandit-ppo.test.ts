import { describe, expect, it } from "vitest";
import { lpoObjective } from "../../env/index.js";
import { labRandom } from "../random.js";
import { normalizedReturn, trainBanditPpo } from "./bandit-ppo.js";

const task = { means: Float64Array.from([0, 1, -1, 2]) };
const settings = { updates: 6, batch: 8, epochs: 2, step: 2 };

describe("trainBanditPpo", () => {
  it("normalizes the expected reward: uniform policy 0, all mass on the best arm 1", () => {
    expect(normalizedReturn(task, new Float64Array(4))).toBeCloseTo(0, 12);
    expect(normalizedReturn(task, Float64Array.from([0, 0, 0, 60]))).toBeCloseTo(1, 12);
    // All mass on arm 1 (mean 1): (1 − 0.5) / (2 − 0.5).
    expect(normalizedReturn(task, Float64Array.from([0, 60, 0, 0]))).toBeCloseTo(1 / 3, 12);
  });

  it("with a zero LPO drift trains exactly as with PPO's clipped objective, and learns the best arm", () => {
    const zero = lpoObjective({ network: { hidden: 2, temporal: false, parameters: new Float64Array(18) } });
    const ppo = trainBanditPpo({ task, settings, objective: () => undefined, random: labRandom(5) });
    const lpo = trainBanditPpo({ task, settings, objective: () => zero, random: labRandom(5) });
    expect(lpo).toHaveLength(settings.updates + 1);
    for (const [index, value] of lpo.entries()) expect(value).toBeCloseTo(ppo[index] as number, 9);
    expect(ppo.at(-1) as number).toBeGreaterThan(0.5);
  });

  it("a drift that penalizes moving the ratio learns more slowly than PPO", () => {
    // One hidden unit reading (log ρ)² (input 1), output weight 1: the drift tanh(5 (log ρ)²) grows with
    // |log ρ|, on top of PPO's.
    const parameters = new Float64Array(9);
    parameters[1] = 5;
    parameters[8] = 1;
    const slow = lpoObjective({ network: { hidden: 1, temporal: false, parameters } });
    const ppo = trainBanditPpo({ task, settings, objective: () => undefined, random: labRandom(5) });
    const penalized = trainBanditPpo({ task, settings, objective: () => slow, random: labRandom(5) });
    expect(penalized.at(-1) as number).toBeLessThan(ppo.at(-1) as number);
  });
});
