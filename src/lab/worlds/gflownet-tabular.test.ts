import { describe, expect, it } from "vitest";
import { labRandom } from "../random.js";
import {
  createTabularSampler,
  sampleTrajectory,
  terminatingDistribution,
  uniformBackwardLog,
} from "./gflownet-tabular.js";
import { meanAbsoluteDifference, trajectoryBalanceResidual } from "./gflownet-training.js";

const shape = { dimension: 2, side: 8, r0: 0.1, r1: 0.5, r2: 2 };

describe("tabular hypergrid sampler", () => {
  it("has an exact terminating distribution that sums to 1 and matches sampling", () => {
    const sampler = createTabularSampler(shape);
    const exact = terminatingDistribution(sampler);
    expect(exact.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
    // Uniform logits: stop at the origin with 1/3 (increment x, increment y, stop).
    expect(exact[0]).toBeCloseTo(1 / 3, 12);
    const random = labRandom(4);
    const counts = new Float64Array(exact.length);
    const draws = 20_000;
    for (let draw = 0; draw < draws; draw++) {
      const terminal = sampleTrajectory(sampler, random).terminal;
      counts[terminal] = (counts[terminal] as number) + 1 / draws;
    }
    expect(meanAbsoluteDifference(counts, exact)).toBeLessThan(0.002);
  });

  it("computes the TB residual log Z + Σ log P_F − log R − Σ log P_B by hand", () => {
    const sampler = createTabularSampler(shape);
    // Origin → stop: log(1/3) − log R(0, 0) = log(1/3) − log 0.6.
    expect(
      trajectoryBalanceResidual(sampler, { states: [0], actions: [2], terminal: 0 }, Math.log(0.6)),
    ).toBeCloseTo(Math.log(1 / 3) - Math.log(0.6), 12);
    // Origin → (1, 0) → (1, 1) → stop: P_F = 1/3 each; P_B((1,0)→origin) = 1, P_B((1,1)→(1,0)) = 1/2; R(1, 1) = R0 + R1 + R2 = 2.6 (a ring mode).
    sampler.logPartition[0] = 1;
    const residual = trajectoryBalanceResidual(
      sampler,
      {
        states: [0, 1, 9],
        actions: [0, 1, 2],
        terminal: 9,
      },
      Math.log(2.6),
    );
    expect(residual).toBeCloseTo(1 + 3 * Math.log(1 / 3) - Math.log(2.6) - Math.log(1 / 2), 12);
    expect(uniformBackwardLog(9, shape)).toBeCloseTo(-Math.log(2), 12);
  });
});
