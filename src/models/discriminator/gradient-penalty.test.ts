import { describe, expect, it } from "vitest";
import { DenseMlp } from "../mlp/dense-mlp.js";
import { seededRandom } from "../random.js";
import { gradientPenalty } from "./gradient-penalty.js";

/** D(x) = σ(w x): a one-layer network with weight w and no bias. */
function logistic(weight: number): DenseMlp {
  const network = new DenseMlp({ sizes: [1, 1], activation: "tanh", random: seededRandom(1) });
  (network.layers[0] as { weight: { data: Float64Array } }).weight.data[0] = weight;
  (network.layers[0] as { bias: { data: Float64Array } }).bias.data[0] = 0;
  return network;
}

describe("gradientPenalty (rm-rl.md §21)", () => {
  it("reproduces the methods doc's worked example: D = σ(w x) at x̂ = 0, k = 1", () => {
    // ∇D(0) = w·σ(0)·(1 − σ(0)) = w/4: w = 2 → 0.5 → (0.5 − 1)² = 0.25; w = 8 → 2 → 1.0.
    for (const [weight, expected] of [
      [2, 0.25],
      [8, 1.0],
    ] as const) {
      const result = gradientPenalty({
        network: logistic(weight),
        points: Float64Array.of(0),
        rows: 1,
        coefficient: 1,
      });
      expect(result.gradientNorms[0]).toBeCloseTo(weight / 4, 12);
      expect(result.penalty).toBeCloseTo(expected, 12);
    }
  });

  it("differentiates the penalty with respect to the weight: d/dw (w/4 − 1)² = (w/4 − 1)/2 at x̂ = 0", () => {
    const network = logistic(2);
    gradientPenalty({ network, points: Float64Array.of(0), rows: 1, coefficient: 1 });
    expect(network.layers[0]?.weight.grad?.[0]).toBeCloseTo(-0.25, 12);
    // The logit's gradient is w everywhere: (2 − 1)² with λ = 10.
    expect(
      gradientPenalty({
        network: logistic(2),
        points: Float64Array.of(0.7),
        rows: 1,
        on: "logit",
        accumulate: false,
      }).penalty,
    ).toBeCloseTo(10, 12);
  });

  it("one-sided: no penalty below k", () => {
    const below = gradientPenalty({
      network: logistic(2),
      points: Float64Array.of(0),
      rows: 1,
      oneSided: true,
      accumulate: false,
    });
    expect(below.penalty).toBe(0);
  });

  it.each([
    ["tanh", "probability", false],
    ["tanh", "logit", false],
    ["relu", "probability", true],
    ["relu", "logit", false],
  ] as const)(
    "its parameter gradients match central differences (%s network, on the %s, one-sided %s)",
    (activation, on, oneSided) => {
      const random = seededRandom(7);
      const network = new DenseMlp({ sizes: [3, 5, 4, 1], activation, random });
      const rows = 6;
      const points = Float64Array.from({ length: rows * 3 }, () => random.normal());
      const value = () =>
        gradientPenalty({ network, points, rows, on, oneSided, target: 0.3, accumulate: false }).penalty;
      gradientPenalty({ network, points, rows, on, oneSided, target: 0.3 });
      let checked = 0;
      for (const parameter of network.parameters) {
        // A parameter the penalty does not depend on (the last bias) gets no gradient at all.
        const analytic = parameter.grad ?? new Float64Array(parameter.data.length);
        for (let index = 0; index < parameter.data.length; index++) {
          const held = parameter.data[index] as number;
          parameter.data[index] = held + 1e-6;
          const up = value();
          parameter.data[index] = held - 1e-6;
          const down = value();
          parameter.data[index] = held;
          expect(analytic[index]).toBeCloseTo((up - down) / 2e-6, 5);
          checked++;
        }
      }
      expect(checked).toBe(3 * 5 + 5 + 5 * 4 + 4 + 4 + 1);
    },
  );

  it("measures the input gradient's norm (against central differences on the input)", () => {
    const random = seededRandom(2);
    const network = new DenseMlp({ sizes: [2, 8, 1], activation: "tanh", random });
    const point = Float64Array.of(0.3, -0.8);
    const { gradientNorms } = gradientPenalty({
      network,
      points: point,
      rows: 1,
      on: "logit",
      accumulate: false,
    });
    const partial = (column: number) => {
      const up = Float64Array.from(point);
      const down = Float64Array.from(point);
      up[column] = (up[column] as number) + 1e-6;
      down[column] = (down[column] as number) - 1e-6;
      return ((network.forward(up, 1)[0] as number) - (network.forward(down, 1)[0] as number)) / 2e-6;
    };
    expect(gradientNorms[0]).toBeCloseTo(Math.hypot(partial(0), partial(1)), 6);
  });

  it("refuses a network with several outputs and points of the wrong size", () => {
    const network = new DenseMlp({ sizes: [2, 3, 2], activation: "tanh", random: seededRandom(1) });
    expect(() => gradientPenalty({ network, points: new Float64Array(2), rows: 1 })).toThrow(/one output/);
    expect(() => gradientPenalty({ network: logistic(1), points: new Float64Array(3), rows: 2 })).toThrow(
      /expected 2 × 1 points/,
    );
  });
});
