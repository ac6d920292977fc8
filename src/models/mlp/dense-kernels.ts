/**
 * The dense layer's arithmetic, each product written as contiguous dot products (a register
 * accumulator, no store per multiply), which measured faster in V8 than row-times-matrix updates.
 * Weights are `outputs × inputs`, row-major, as torch.nn.Linear stores them.
 */

/**
 * A dot product of `length` entries: Σ a[aAt + i] · b[bAt + i], four lanes to shorten the
 * dependency chain. Made per length so the hot call takes four arguments.
 */
function dotOfLength(length: number): (a: Float64Array, aAt: number, b: Float64Array, bAt: number) => number {
  return (a, aAt, b, bAt) => {
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let index = 0;
    for (; index + 3 < length; index += 4) {
      s0 += (a[aAt + index] as number) * (b[bAt + index] as number);
      s1 += (a[aAt + index + 1] as number) * (b[bAt + index + 1] as number);
      s2 += (a[aAt + index + 2] as number) * (b[bAt + index + 2] as number);
      s3 += (a[aAt + index + 3] as number) * (b[bAt + index + 3] as number);
    }
    for (; index < length; index++) s0 += (a[aAt + index] as number) * (b[bAt + index] as number);
    return s0 + s1 + s2 + s3;
  };
}

/** `rows × columns` → `columns × rows`. */
export function transposed(values: Float64Array, rows: number, columns: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let row = 0; row < rows; row++)
    for (let column = 0; column < columns; column++)
      out[column * rows + row] = values[row * columns + column] as number;
  return out;
}

export interface DenseShape {
  rows: number;
  inputs: number;
  outputs: number;
}

/** y = x Wᵀ + b for a batch `x` (`rows × inputs`). */
export function denseForward(options: {
  input: Float64Array;
  weight: Float64Array;
  bias: Float64Array;
  shape: DenseShape;
}): Float64Array {
  const { input, weight, bias } = options;
  const { rows, inputs, outputs } = options.shape;
  const out = new Float64Array(rows * outputs);
  const dot = dotOfLength(inputs);
  for (let row = 0; row < rows; row++) {
    for (let unit = 0; unit < outputs; unit++)
      out[row * outputs + unit] = (bias[unit] as number) + dot(input, row * inputs, weight, unit * inputs);
  }
  return out;
}

/**
 * Given d(loss)/d(y) (`rows × outputs`): adds dW = dyᵀ x and db = Σ_rows dy to the gradients and
 * returns d(loss)/d(x) = dy W (empty when not needed).
 */
export function denseBackward(options: {
  input: Float64Array;
  weight: Float64Array;
  upstream: Float64Array;
  weightGradient: Float64Array;
  biasGradient: Float64Array;
  shape: DenseShape;
  needInputGradient: boolean;
}): Float64Array {
  const { input, weight, upstream, weightGradient, biasGradient } = options;
  const { rows, inputs, outputs } = options.shape;
  const upstreamByUnit = transposed(upstream, rows, outputs);
  const inputByFeature = transposed(input, rows, inputs);
  const dotOverRows = dotOfLength(rows);
  for (let unit = 0; unit < outputs; unit++) {
    let biasSum = 0;
    for (let row = 0; row < rows; row++) biasSum += upstreamByUnit[unit * rows + row] as number;
    biasGradient[unit] = (biasGradient[unit] as number) + biasSum;
    for (let feature = 0; feature < inputs; feature++) {
      const at = unit * inputs + feature;
      weightGradient[at] =
        (weightGradient[at] as number) +
        dotOverRows(upstreamByUnit, unit * rows, inputByFeature, feature * rows);
    }
  }
  if (!options.needInputGradient) return new Float64Array(0);
  const weightByInput = transposed(weight, outputs, inputs);
  const out = new Float64Array(rows * inputs);
  const dotOverOutputs = dotOfLength(outputs);
  for (let row = 0; row < rows; row++)
    for (let feature = 0; feature < inputs; feature++)
      out[row * inputs + feature] = dotOverOutputs(upstream, row * outputs, weightByInput, feature * outputs);
  return out;
}
