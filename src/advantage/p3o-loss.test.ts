import { describe, expect, it } from "vitest";
import { p3oPairLoss } from "./p3o-loss.js";

describe("P3O's clipped pair loss and its gradient (reconstructed)", () => {
  it("the methods doc's worked example: Δ 1, ρ1 1.3, ρ2 0.9, ε 0.2 → separate 0.15, joint 0.6", () => {
    const pair = { delta: 1, logRatioFirst: Math.log(1.3), logRatioSecond: Math.log(0.9) };
    const separate = p3oPairLoss({ ...pair, clip: "separate" });
    expect(separate.objective).toBeCloseTo(0.15, 12);
    // ρ1 = 1.3 is past 1 + ε with a positive advantage: its term is the constant 0.6, no gradient;
    // ρ2 = 0.9 is inside the range: its term ρ2·(−1/2) has derivative −0.45 in log ρ2.
    expect(separate.gradientFirst).toBe(0);
    expect(separate.gradientSecond).toBeCloseTo(-0.45, 12);
    expect(separate.clipped).toBe(true);
    const joint = p3oPairLoss({ ...pair, clip: "joint" });
    expect(joint.objective).toBeCloseTo(0.6, 12);
    expect([joint.gradientFirst, joint.gradientSecond, joint.clipped]).toEqual([0, -0, true]);
  });

  it("matches finite differences of the objective wherever it is smooth", () => {
    const cases = [
      { delta: 0.8, logRatioFirst: 0.05, logRatioSecond: -0.1 },
      { delta: -1.5, logRatioFirst: 0.3, logRatioSecond: 0.02 },
      { delta: 2, logRatioFirst: -0.4, logRatioSecond: 0.35 },
      { delta: -0.7, logRatioFirst: -0.1, logRatioSecond: 0.12 },
    ];
    const step = 1e-6;
    for (const clip of ["separate", "joint"] as const) {
      for (const pair of cases) {
        const loss = p3oPairLoss({ ...pair, clip });
        const numeric = (key: "logRatioFirst" | "logRatioSecond") =>
          (p3oPairLoss({ ...pair, clip, [key]: pair[key] + step }).objective -
            p3oPairLoss({ ...pair, clip, [key]: pair[key] - step }).objective) /
          (2 * step);
        expect(loss.gradientFirst).toBeCloseTo(numeric("logRatioFirst"), 6);
        expect(loss.gradientSecond).toBeCloseTo(numeric("logRatioSecond"), 6);
      }
    }
  });

  it("at ρ = 1 (the first pass over a batch) both forms are the vanilla pairwise gradient ±Δ/2", () => {
    for (const clip of ["separate", "joint"] as const) {
      const loss = p3oPairLoss({ delta: 0.6, logRatioFirst: 0, logRatioSecond: 0, clip });
      expect([loss.gradientFirst, loss.gradientSecond]).toEqual([0.3, -0.3]);
      expect(loss.clipped).toBe(false);
    }
  });
});
