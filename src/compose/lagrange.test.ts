import { describe, expect, it } from "vitest";
import {
  cappedMixedValue,
  initialMultipliers,
  type MultiplierStepOptions,
  mixedAdvantages,
  mixedValue,
  multiplierStep,
  squashMultiplier,
} from "./lagrange.js";

const inequality: MultiplierStepOptions = {
  kind: "inequality",
  squashed: true,
  learningRate: 0.1,
  momentum: 0.1,
  maxGradNorm: 0.5,
};

describe("constrained RLHF multipliers (rlhf.md §5 worked example)", () => {
  it("mixes A_KL 0.2, A_1 1.0, A_2 −0.4 with λ = σ(0) = 0.5 each → 0.5", () => {
    const multipliers = [0, 0].map((raw) => squashMultiplier(raw, "inequality"));
    expect(multipliers).toEqual([0.5, 0.5]);
    expect(mixedValue(0.2, [1.0, -0.4], multipliers, true)).toBeCloseTo(0.5, 12);
  });

  it("All-PPO (reconstructed) mixes r_task + Σ (1 − λ)·r_i and its multipliers rise while a cap is exceeded", () => {
    expect(cappedMixedValue(0.2, [1.0, -0.4], [0.5, 0.5])).toBeCloseTo(0.5, 12);
    expect(cappedMixedValue(0, [1], [1.5])).toBe(0);
    const options = {
      kind: "upper" as const,
      squashed: true,
      learningRate: 0.1,
      momentum: 0.1,
      maxGradNorm: 0.5,
    };
    expect(multiplierStep(initialMultipliers(1), [0.2], options).raw[0]).toBeGreaterThan(0);
    expect(multiplierStep(initialMultipliers(1), [-0.2], options).raw[0]).toBeLessThan(0);
  });

  it("takes the first SGD step: v 0.40 below θ 0.44 → λ_raw 0.001", () => {
    const next = multiplierStep(initialMultipliers(1), [0.4 - 0.44], inequality);
    expect(next.raw[0]).toBeCloseTo(0.001, 12);
    expect(next.updates).toBe(1);
  });

  it("moves the multiplier up while a ≥ constraint is violated and down once it holds", () => {
    let state = initialMultipliers(1);
    const trace: number[] = [];
    for (let step = 0; step < 5; step++) {
      state = multiplierStep(state, [-0.2], inequality);
      trace.push(squashMultiplier(state.raw[0] as number, "inequality"));
    }
    for (let step = 1; step < trace.length; step++)
      expect(trace[step]).toBeGreaterThan(trace[step - 1] as number);
    const peak = trace.at(-1) as number;
    for (let step = 0; step < 5; step++) state = multiplierStep(state, [0.3], inequality);
    expect(squashMultiplier(state.raw[0] as number, "inequality")).toBeLessThan(peak);
  });

  it("turns an equality (tanh) multiplier negative when the value overshoots θ", () => {
    let state = initialMultipliers(1);
    for (let step = 0; step < 3; step++)
      state = multiplierStep(state, [0.2], { ...inequality, kind: "equality" });
    expect(squashMultiplier(state.raw[0] as number, "equality")).toBeLessThan(0);
  });

  it("uses momentum 0.1 (torch SGD) and clips the gradient norm", () => {
    const first = multiplierStep(initialMultipliers(1), [-0.04], inequality);
    const second = multiplierStep(first, [-0.04], inequality);
    const slope = squashMultiplier(0.001, "inequality") * (1 - squashMultiplier(0.001, "inequality"));
    // v₂ = 0.1·v₁ + g₂ with v₁ = g₁ = 0.25·(−0.04).
    expect(second.raw[0]).toBeCloseTo(0.001 - 0.1 * (0.1 * -0.01 + slope * -0.04), 12);
    const clipped = multiplierStep(initialMultipliers(1), [-100], inequality);
    expect(clipped.raw[0]).toBeCloseTo(0.1 * 0.5, 6);
  });

  it("keeps unsquashed inequality multipliers non-negative and mixes them without the N − Σλ factor", () => {
    const state = multiplierStep(initialMultipliers(1, 0.5), [10], {
      ...inequality,
      squashed: false,
      maxGradNorm: 100,
    });
    expect(state.raw[0]).toBe(0);
    expect(mixedValue(0.2, [1.0], [0.5], false)).toBeCloseTo(0.2 + 0.5, 12);
  });

  it("normalizes each advantage stream before mixing, as the code does", () => {
    const mixed = mixedAdvantages({
      task: [1, 3],
      constraints: [[0, 10]],
      multipliers: [0.5],
      squashed: true,
      normalize: true,
    });
    const unit = 1 / Math.SQRT2;
    expect(mixed[0]).toBeCloseTo(0.5 * -unit + 0.5 * -unit, 6);
    expect(mixed[1]).toBeCloseTo(unit, 6);
  });
});
