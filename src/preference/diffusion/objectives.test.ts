import { describe, expect, it } from "vitest";
import { d3poStepLoss } from "./d3po.js";
import { flowDpoBeta, flowDpoPairLoss } from "./flow-dpo.js";
import { rewardWeights } from "./reward-weights.js";

describe("D3PO's per-step loss (train_d3po.py)", () => {
  it("is −log σ(β(log ρ_w − log ρ_l)) with ρ clipped to [1 − ε, 1 + ε]", () => {
    const inside = d3poStepLoss({
      policyWinner: 0.05,
      referenceWinner: 0,
      policyLoser: -0.02,
      referenceLoser: 0,
      beta: 0.1,
    });
    const margin = 0.1 * (0.05 - -0.02);
    expect(inside.loss).toBeCloseTo(Math.log1p(Math.exp(-margin)), 12);
    // dL/dlog p_w = β(σ(margin) − 1) < 0: raising the preferred step's probability lowers the loss.
    expect(inside.winner).toBeCloseTo(0.1 * (1 / (1 + Math.exp(-margin)) - 1), 12);
    expect(inside.loser).toBeCloseTo(-inside.winner, 12);
    const clipped = d3poStepLoss({
      policyWinner: 0.5,
      referenceWinner: 0,
      policyLoser: -0.5,
      referenceLoser: 0,
      beta: 0.1,
    });
    expect(clipped.winner).toBe(0);
    expect(clipped.loser).toBe(0);
    expect(clipped.loss).toBeCloseTo(Math.log1p(Math.exp(-0.1 * (Math.log(1.1) - Math.log(0.9)))), 12);
    const unclipped = d3poStepLoss({
      policyWinner: 0.5,
      referenceWinner: 0,
      policyLoser: -0.5,
      referenceLoser: 0,
      beta: 0.1,
      clip: null,
    });
    expect(unclipped.winner).toBeLessThan(0);
  });
});

describe("Flow-DPO", () => {
  const pair = {
    policyWinner: [0.4, -0.2],
    policyLoser: [1.1, 0.7],
    referenceWinner: [0.1, 0.3],
    referenceLoser: [0.9, 0.2],
    targetWinner: [0.5, 0],
    targetLoser: [1.5, 1],
    beta: 2,
  };

  it("is log 2 when θ equals the reference and its gradient matches finite differences", () => {
    const equal = flowDpoPairLoss({
      ...pair,
      policyWinner: pair.referenceWinner,
      policyLoser: pair.referenceLoser,
    });
    expect(equal.loss).toBeCloseTo(Math.log(2), 12);
    const result = flowDpoPairLoss(pair);
    for (const side of ["policyWinner", "policyLoser"] as const) {
      for (let axis = 0; axis < 2; axis++) {
        const shifted = (delta: number) => {
          const values = [...pair[side]];
          values[axis] = (values[axis] as number) + delta;
          return flowDpoPairLoss({ ...pair, [side]: values }).loss;
        };
        const numeric = (shifted(1e-6) - shifted(-1e-6)) / 2e-6;
        const analytic = side === "policyWinner" ? result.winner[axis] : result.loser[axis];
        expect(analytic).toBeCloseTo(numeric, 6);
      }
    }
  });

  it("rewards fitting the preferred sample better than the reference does", () => {
    const better = flowDpoPairLoss({
      ...pair,
      policyWinner: pair.targetWinner,
      policyLoser: pair.referenceLoser,
    });
    expect(better.loss).toBeLessThan(Math.log(2));
    expect(flowDpoBeta(2, 0.5)).toBe(2);
    expect(flowDpoBeta(2, 0.5, "timestep")).toBeCloseTo(0.5, 12);
  });
});

describe("reward-weighted regression weights", () => {
  it("are exp(r/τ) scaled to sum to the batch size, and refuse τ ≤ 0", () => {
    const weights = rewardWeights([0, 1, 2], 1);
    expect(weights.reduce((sum, value) => sum + value, 0)).toBeCloseTo(3, 12);
    expect((weights[2] as number) / (weights[1] as number)).toBeCloseTo(Math.E, 12);
    expect([...rewardWeights([5, 5], 0.1)]).toEqual([1, 1]);
    expect(() => rewardWeights([1], 0)).toThrow(/temperature/);
  });
});
