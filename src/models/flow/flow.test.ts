import { describe, expect, it } from "vitest";
import { seededRandom } from "../random.js";
import { flowMatchingBatch, flowMatchingLoss, trainFlowMatching } from "./flow-matching.js";
import {
  pathKl,
  samplePaths,
  sdeStep,
  stepLogProbabilities,
  stepLogProbabilityGradient,
} from "./flow-sampler.js";
import { VelocityNetwork } from "./velocity-network.js";

const points = Float64Array.from([0.3, -1.2, 1.5, 0.4, -0.7, 0.9]);
const times = Float64Array.from([0.1, 0.55, 0.9]);

describe("VelocityNetwork", () => {
  it("back-propagates the exact gradient (finite differences)", () => {
    const network = new VelocityNetwork({ hidden: 6, random: seededRandom(3) });
    const weights = Float64Array.from([0.7, -1.1, 0.4, 2, -0.3, 0.5]);
    const objective = () => {
      const { velocity } = network.forward(points, times);
      return velocity.reduce((sum, value, index) => sum + value * (weights[index] as number), 0);
    };
    const { cache } = network.forward(points, times, true);
    const gradient = new Float64Array(network.parameters.length);
    network.backward(cache as NonNullable<typeof cache>, weights, gradient);
    for (const index of [0, 5, 17, 40, network.parameters.length - 1]) {
      const held = network.parameters[index] as number;
      network.parameters[index] = held + 1e-6;
      const up = objective();
      network.parameters[index] = held - 1e-6;
      const down = objective();
      network.parameters[index] = held;
      expect(gradient[index]).toBeCloseTo((up - down) / 2e-6, 5);
    }
  });

  it("clones into an independent copy", () => {
    const network = new VelocityNetwork({ hidden: 4, random: seededRandom(1) });
    const copy = network.clone();
    copy.parameters[0] = 99;
    expect(network.parameters[0]).not.toBe(99);
    expect(() => new VelocityNetwork({ hidden: 4, parameters: new Float64Array(3) })).toThrow(
      /expected \d+ parameters/,
    );
  });
});

describe("flow matching and the SDE sampler", () => {
  it("rectified-flow targets: x_t = (1 − t)x₀ + tε, v = ε − x₀ (so x_t + (1 − t)·v = ε)", () => {
    const batch = flowMatchingBatch(points, seededRandom(2));
    for (let row = 0; row < 3; row++) {
      const t = batch.times[row] as number;
      for (let axis = 0; axis < 2; axis++) {
        const x0 = points[2 * row + axis] as number;
        const noise =
          (batch.points[2 * row + axis] as number) + (1 - t) * (batch.targets[2 * row + axis] as number);
        expect((batch.points[2 * row + axis] as number) - ((1 - t) * x0 + t * noise)).toBeCloseTo(0, 12);
      }
    }
    const { loss, gradient } = flowMatchingLoss([1, 2, 3, 4], [0, 2, 3, 2], [1, 3]);
    expect(loss).toBeCloseTo((1 * 1 + 3 * 4) / 4, 12);
    expect([...gradient]).toEqual([0.5, 0, 0, 3]);
  });

  it("learns a single Gaussian: samples land around its centre with its spread", () => {
    const random = seededRandom(5);
    const network = new VelocityNetwork({ hidden: 16, random });
    trainFlowMatching({
      network,
      sampleData: (count, draw) =>
        Float64Array.from({ length: 2 * count }, (_, index) => (index % 2 ? -1 : 2) + 0.3 * draw.normal()),
      steps: 400,
      batchSize: 64,
      learningRate: 0.01,
      random,
    });
    for (const noise of [0, 0.7]) {
      const paths = samplePaths(network, { rows: 400, steps: 20, noise, random });
      const final = paths.states[20] as Float64Array;
      const xs = Array.from({ length: 400 }, (_, row) => final[2 * row] as number);
      const mean = xs.reduce((sum, value) => sum + value, 0) / 400;
      const std = Math.sqrt(xs.reduce((sum, value) => sum + (value - mean) ** 2, 0) / 400);
      expect(mean).toBeCloseTo(2, 0);
      expect(std).toBeGreaterThan(0.15);
      expect(std).toBeLessThan(0.5);
    }
  });

  it("each SDE step is a Gaussian whose log-probability gradient in v is exact; a = 0 is Euler", () => {
    expect(sdeStep(0.5, 0.1, 0)).toEqual({ shrink: 1, velocityScale: 0.1, std: 0 });
    const network = new VelocityNetwork({ hidden: 5, random: seededRandom(8) });
    const paths = samplePaths(network, { rows: 3, steps: 4, noise: 0.7, random: seededRandom(9) });
    const velocity = Float64Array.from([0.2, -0.4, 1.1, 0.3, -0.8, 0.05]);
    const slopes = stepLogProbabilityGradient(paths, 1, velocity, 0.7);
    for (let index = 0; index < 6; index++) {
      const up = velocity.slice();
      up[index] = (up[index] as number) + 1e-6;
      const down = velocity.slice();
      down[index] = (down[index] as number) - 1e-6;
      const row = Math.floor(index / 2);
      const numeric =
        ((stepLogProbabilities(paths, 1, up, 0.7)[row] as number) -
          (stepLogProbabilities(paths, 1, down, 0.7)[row] as number)) /
        2e-6;
      expect(slopes[index]).toBeCloseTo(numeric, 4);
    }
  });

  it("the path KL of a model to itself is 0 and grows when the field changes", () => {
    const network = new VelocityNetwork({ hidden: 5, random: seededRandom(4) });
    const paths = samplePaths(network, { rows: 50, steps: 5, noise: 0.7, random: seededRandom(6) });
    expect(pathKl(network, network, paths, 0.7)).toBe(0);
    const moved = network.clone();
    moved.parameters[moved.parameters.length - 1] =
      (moved.parameters[moved.parameters.length - 1] as number) + 0.5;
    expect(pathKl(moved, network, paths, 0.7)).toBeGreaterThan(0.1);
  });
});
