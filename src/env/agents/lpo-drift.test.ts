import { describe, expect, it } from "vitest";
import { driftInputs, driftParameterCount, lpoObjective } from "./lpo-drift.js";

/** PPO's clipped surrogate min(ρA, clip(ρ, 1 ± ε)A). */
function clipped(ratio: number, advantage: number, epsilon = 0.2): number {
  return Math.min(ratio * advantage, Math.min(1 + epsilon, Math.max(1 - epsilon, ratio)) * advantage);
}

describe("LPO's drift objective (Lu et al. 2022; TA-LPO, Jackson et al. 2024)", () => {
  it("a zero drift network started from PPO is PPO's clipped objective (up to the 1e-4 margin)", () => {
    const network = {
      hidden: 4,
      temporal: false,
      parameters: new Float64Array(driftParameterCount({ hidden: 4, temporal: false })),
    };
    const objective = lpoObjective({ network });
    for (const [ratio, advantage] of [
      [1, 1],
      [1.5, 1],
      [0.5, 1],
      [1.5, -1],
      [0.5, -2],
      [1.1, 0.3],
    ] as const) {
      expect(objective(ratio, advantage).value).toBeCloseTo(clipped(ratio, advantage), 3);
    }
    // Outside the trust region on the improving side the slope is 0 (clipped); inside it is A.
    expect(objective(1.5, 1).slope).toBe(0);
    expect(objective(1.1, 0.3).slope).toBeCloseTo(0.3, 12);
  });

  it("its slope matches central differences for a random temporal network", () => {
    const count = driftParameterCount({ hidden: 3, temporal: true });
    expect(count).toBe(3 * 16 + 3);
    const parameters = Float64Array.from({ length: count }, (_, index) => Math.sin(index * 1.7) * 0.8);
    const objective = lpoObjective({
      network: { hidden: 3, temporal: true, parameters },
      progress: () => 0.4,
    });
    for (const [ratio, advantage] of [
      [0.9, 0.7],
      [1.3, -0.4],
    ] as const) {
      const h = 1e-6;
      const numeric =
        (objective(ratio + h, advantage).value - objective(ratio - h, advantage).value) / (2 * h);
      expect(objective(ratio, advantage).slope).toBeCloseTo(numeric, 5);
    }
    // TA-LPO's inputs: the 8 LPO inputs, then each times the training progress.
    const { inputs } = driftInputs(1.2, 0.5, 0.25);
    expect(inputs[8]).toBeCloseTo(0.25 * (inputs[0] as number), 12);
    expect(() => lpoObjective({ network: { hidden: 3, temporal: true, parameters } })).toThrow(/progress/);
  });
});
