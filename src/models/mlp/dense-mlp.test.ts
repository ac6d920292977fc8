import { describe, expect, it } from "vitest";
import {
  addRowVector,
  backward,
  leakyRelu,
  matmul,
  multiply,
  sumAll,
  Tensor,
  transpose,
} from "../autograd/index.js";
import { seededRandom } from "../random.js";
import { tensorAdam } from "../train/dense-adam.js";
import { clipGradientNorm } from "./clip-gradient-norm.js";
import { DenseMlp } from "./dense-mlp.js";

const random = seededRandom(3);
const rows = 5;
const input = Float64Array.from({ length: rows * 3 }, () => random.normal());
const weights = Float64Array.from({ length: rows * 2 }, () => random.normal());

/** loss = Σ output ⊙ weights, so d(loss)/d(output) = weights. */
function loss(net: DenseMlp): number {
  const output = net.forward(input, rows);
  let total = 0;
  for (let index = 0; index < output.length; index++)
    total += (output[index] as number) * (weights[index] as number);
  return total;
}

describe("DenseMlp", () => {
  it.each(["tanh", "relu"] as const)(
    "back-propagates exact gradients (%s, against central differences)",
    (activation) => {
      const net = new DenseMlp({ sizes: [3, 6, 5, 2], activation, random: seededRandom(1) });
      net.backward(net.forwardPass(input, rows), weights);
      for (const parameter of net.parameters) {
        const analytic = Float64Array.from(parameter.grad as Float64Array);
        for (let index = 0; index < parameter.data.length; index++) {
          const held = parameter.data[index] as number;
          parameter.data[index] = held + 1e-6;
          const up = loss(net);
          parameter.data[index] = held - 1e-6;
          const down = loss(net);
          parameter.data[index] = held;
          expect(analytic[index]).toBeCloseTo((up - down) / 2e-6, 5);
        }
      }
    },
  );

  it("backwardInput returns d(loss)/d(input) (against central differences) for stacked networks", () => {
    const net = new DenseMlp({ sizes: [3, 4, 2], activation: "tanh", random: seededRandom(2) });
    const gradient = net.backwardInput(net.forwardPass(input, rows), weights);
    expect(gradient).toHaveLength(input.length);
    for (let index = 0; index < input.length; index++) {
      const held = input[index] as number;
      input[index] = held + 1e-6;
      const up = loss(net);
      input[index] = held - 1e-6;
      const down = loss(net);
      input[index] = held;
      expect(gradient[index]).toBeCloseTo((up - down) / 2e-6, 5);
    }
  });

  it("computes what the autograd tape computes for the same ReLU network", () => {
    const net = new DenseMlp({ sizes: [3, 4, 2], activation: "relu", random: seededRandom(2) });
    const [first, second] = net.layers as [
      { weight: Tensor; bias: Tensor },
      { weight: Tensor; bias: Tensor },
    ];
    const x = new Tensor(input, rows, 3);
    // DenseMlp keeps torch's out × in weights: y = x Wᵀ + b.
    const hidden = leakyRelu(addRowVector(matmul(x, transpose(first.weight)), first.bias), 0);
    const output = addRowVector(matmul(hidden, transpose(second.weight)), second.bias);
    backward(sumAll(multiply(output, new Tensor(weights, rows, 2))));
    const tapeGradients = net.parameters.map((parameter) =>
      Float64Array.from(parameter.grad as Float64Array),
    );
    for (const parameter of net.parameters) parameter.grad?.fill(0);
    const forward = net.forward(input, rows);
    for (const [index, value] of output.data.entries()) expect(forward[index]).toBeCloseTo(value, 12);
    net.backward(net.forwardPass(input, rows), weights);
    for (const [index, parameter] of net.parameters.entries()) {
      const expected = tapeGradients[index] as Float64Array;
      for (const [entry, value] of (parameter.grad as Float64Array).entries())
        expect(value).toBeCloseTo(expected[entry] as number, 12);
    }
  });

  it("draws orthogonal weights scaled by the gain (CleanRL's layer_init) and uniform ones bounded by 1/√fan_in", () => {
    const net = new DenseMlp({
      sizes: [3, 8, 2],
      activation: "tanh",
      random: seededRandom(4),
      initialization: [
        { kind: "orthogonal", gain: Math.SQRT2 },
        { kind: "orthogonal", gain: 0.01 },
      ],
    });
    const [first, second] = net.layers as [
      { weight: Tensor; bias: Tensor },
      { weight: Tensor; bias: Tensor },
    ];
    // torch's 8 × 3 weight (out × in) has orthogonal columns of norm √2: Wᵀ W = 2 I.
    for (let a = 0; a < 3; a++) {
      for (let b = 0; b < 3; b++) {
        let dot = 0;
        for (let row = 0; row < 8; row++) dot += first.weight.at(row, a) * first.weight.at(row, b);
        expect(dot).toBeCloseTo(a === b ? 2 : 0, 10);
      }
    }
    // The 2 × 8 output weight has orthogonal rows of norm 0.01.
    let norm = 0;
    let cross = 0;
    for (let column = 0; column < 8; column++) {
      norm += second.weight.at(0, column) ** 2;
      cross += second.weight.at(0, column) * second.weight.at(1, column);
    }
    expect(Math.sqrt(norm)).toBeCloseTo(0.01, 10);
    expect(cross).toBeCloseTo(0, 12);
    expect(Array.from(first.bias.data)).toEqual(new Array(8).fill(0));
    const uniform = new DenseMlp({ sizes: [16, 4], activation: "relu", random: seededRandom(5) });
    for (const value of [...uniform.parameters.flatMap((parameter) => Array.from(parameter.data))])
      expect(Math.abs(value)).toBeLessThanOrEqual(0.25);
  });

  it("fits a small regression with the shared DenseAdam and clipped gradients, and copies into a twin", () => {
    const net = new DenseMlp({ sizes: [3, 16, 2], activation: "tanh", random: seededRandom(6) });
    const adam = tensorAdam(net.parameters, { learningRate: 1e-2 });
    const target = (values: Float64Array) =>
      Float64Array.from(
        { length: rows * 2 },
        (_, index) => Math.sin(values[Math.floor(index / 2) * 3] as number) + (index % 2),
      );
    const mse = () => {
      const output = net.forward(input, rows);
      const goal = target(input);
      return (
        output.reduce((sum, value, index) => sum + (value - (goal[index] as number)) ** 2, 0) / output.length
      );
    };
    const before = mse();
    for (let step = 0; step < 300; step++) {
      const pass = net.forwardPass(input, rows);
      const output = pass.activations.at(-1) as Float64Array;
      const goal = target(input);
      net.backward(
        pass,
        output.map((value, index) => (2 * (value - (goal[index] as number))) / output.length),
      );
      clipGradientNorm(net.parameters, 1);
      adam.step();
    }
    expect(mse()).toBeLessThan(before / 100);
    const twin = new DenseMlp({ sizes: [3, 16, 2], activation: "tanh", random: seededRandom(99) });
    twin.copyFrom(net);
    expect(Array.from(twin.forward(input, rows))).toEqual(Array.from(net.forward(input, rows)));
  });

  it("clips the joint gradient norm as torch does and reports the norm before", () => {
    const a = new Tensor(new Float64Array(2), 1, 2, { isParameter: true });
    const b = new Tensor(new Float64Array(1), 1, 1, { isParameter: true });
    a.gradient().set([3, 0]);
    b.gradient().set([4]);
    expect(clipGradientNorm([a, b], 1)).toBe(5);
    expect((a.grad as Float64Array)[0]).toBeCloseTo(0.6, 6);
    expect((b.grad as Float64Array)[0]).toBeCloseTo(0.8, 6);
    expect(clipGradientNorm([a, b], 10)).toBeCloseTo(1, 5);
    expect((b.grad as Float64Array)[0]).toBeCloseTo(0.8, 6);
  });

  it("rejects inputs of the wrong size with the expected shape", () => {
    const net = new DenseMlp({ sizes: [3, 2], activation: "relu", random: seededRandom(1) });
    expect(() => net.forward(new Float64Array(4), 1)).toThrow(/expected 1 × 3 numbers, got 4/);
  });
});
