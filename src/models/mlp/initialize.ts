import { Matrix, QrDecomposition } from "ml-matrix";
import type { Random } from "../random.js";

/**
 * How a dense layer's weights start.
 * - `orthogonal`: torch.nn.init.orthogonal_(W, gain) with zero biases — what CleanRL's PPO uses
 *   (gain √2 for hidden layers, 0.01 for the policy's last layer, 1 for the value's).
 * - `uniform`: torch.nn.Linear's default, weights and biases U(−1/√fan_in, 1/√fan_in) — what
 *   CleanRL's DQN keeps.
 */
export type LayerInitialization = { kind: "orthogonal"; gain: number } | { kind: "uniform" };

/** Fills a row-major `outputs × inputs` weight matrix (torch's layout) and its bias as `initialization` says. */
export function initializeLayer(options: {
  weight: Float64Array;
  bias: Float64Array;
  inputs: number;
  outputs: number;
  initialization: LayerInitialization;
  random: Random;
}): void {
  const { weight, bias, inputs, outputs, initialization, random } = options;
  if (initialization.kind === "uniform") {
    const bound = 1 / Math.sqrt(inputs);
    for (let index = 0; index < weight.length; index++) weight[index] = (2 * random.next() - 1) * bound;
    for (let index = 0; index < bias.length; index++) bias[index] = (2 * random.next() - 1) * bound;
    return;
  }
  weight.set(orthogonal(outputs, inputs, random));
  for (let index = 0; index < weight.length; index++)
    weight[index] = (weight[index] as number) * initialization.gain;
  bias.fill(0);
}

/**
 * A `rows × columns` matrix with orthonormal rows or columns (whichever are fewer), as torch draws
 * one: the QR decomposition of a Gaussian matrix, signs fixed by R's diagonal so the draw is uniform.
 */
function orthogonal(rows: number, columns: number, random: Random): Float64Array {
  const tall = rows >= columns;
  const [height, width] = tall ? [rows, columns] : [columns, rows];
  const gaussian = Matrix.zeros(height, width);
  for (let row = 0; row < height; row++)
    for (let column = 0; column < width; column++) gaussian.set(row, column, random.normal());
  const qr = new QrDecomposition(gaussian);
  const q = qr.orthogonalMatrix;
  const r = qr.upperTriangularMatrix;
  const out = new Float64Array(rows * columns);
  for (let row = 0; row < height; row++) {
    for (let column = 0; column < width; column++) {
      const value = q.get(row, column) * (r.get(column, column) < 0 ? -1 : 1);
      if (tall) out[row * columns + column] = value;
      else out[column * columns + row] = value;
    }
  }
  return out;
}
