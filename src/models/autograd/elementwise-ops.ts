import { logSigmoid, sigmoid } from "../../core/index.js";
import { result, type Tensor } from "./tensor.js";

/** Elementwise map with its derivative (from input and output values). */
function unary(
  a: Tensor,
  forward: (x: number) => number,
  derivative: (x: number, y: number) => number,
): Tensor {
  const data = a.data.map(forward);
  return result(data, [a.rows, a.columns], [a], (out) => {
    const upstream = out.grad as Float64Array;
    const grad = a.gradient();
    for (let index = 0; index < data.length; index++) {
      grad[index] =
        (grad[index] as number) +
        (upstream[index] as number) * derivative(a.data[index] as number, data[index] as number);
    }
  });
}

export const leakyRelu = (a: Tensor, slope = 0.2): Tensor =>
  unary(
    a,
    (x) => (x > 0 ? x : slope * x),
    (x) => (x > 0 ? 1 : slope),
  );

export const exp = (a: Tensor): Tensor => unary(a, Math.exp, (_x, y) => y);

export const scale = (a: Tensor, factor: number): Tensor =>
  unary(
    a,
    (x) => x * factor,
    () => factor,
  );

/** Clamps to [low, high]; the gradient passes only inside (torch.clamp). */
export const clamp = (a: Tensor, low: number, high: number): Tensor =>
  unary(
    a,
    (x) => Math.min(high, Math.max(low, x)),
    (x) => (x >= low && x <= high ? 1 : 0),
  );

export const square = (a: Tensor): Tensor =>
  unary(
    a,
    (x) => x * x,
    (x) => 2 * x,
  );

export const logSigmoidOf = (a: Tensor): Tensor =>
  unary(
    a,
    (x) => logSigmoid(x),
    (x) => 1 - sigmoid(x),
  );

function binary(a: Tensor, b: Tensor, sign: 1 | -1 | "times"): Tensor {
  if (a.data.length !== b.data.length) throw new RangeError("shape mismatch");
  const data = new Float64Array(a.data.length);
  for (let index = 0; index < data.length; index++) {
    const x = a.data[index] as number;
    const y = b.data[index] as number;
    data[index] = sign === "times" ? x * y : x + sign * y;
  }
  return result(data, [a.rows, a.columns], [a, b], (out) => {
    const upstream = out.grad as Float64Array;
    if (a.needsGrad) {
      const grad = a.gradient();
      for (let index = 0; index < data.length; index++) {
        grad[index] =
          (grad[index] as number) +
          (upstream[index] as number) * (sign === "times" ? (b.data[index] as number) : 1);
      }
    }
    if (b.needsGrad) {
      const grad = b.gradient();
      for (let index = 0; index < data.length; index++) {
        grad[index] =
          (grad[index] as number) +
          (upstream[index] as number) * (sign === "times" ? (a.data[index] as number) : sign);
      }
    }
  });
}

export const add = (a: Tensor, b: Tensor): Tensor => binary(a, b, 1);

export const subtract = (a: Tensor, b: Tensor): Tensor => binary(a, b, -1);

export const multiply = (a: Tensor, b: Tensor): Tensor => binary(a, b, "times");

/** Natural log (inputs must be positive; softmax outputs are). */
export const log = (a: Tensor): Tensor => unary(a, Math.log, (x) => 1 / x);
