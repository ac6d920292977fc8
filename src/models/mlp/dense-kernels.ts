/**
 * The dense layer's arithmetic. All three products (forward, weight gradient, input gradient) are
 * written as one kernel, C = A Bᵀ over row-major A and B, i.e. dot products of rows: each pass over
 * a row of A feeds four rows of B at once, so every load of A serves four multiply-adds. In V8 this
 * measured faster than row-update (axpy) loops and than one dot product at a time (docs/BENCHMARKS.md).
 * Weights are `outputs × inputs`, row-major, as torch.nn.Linear stores them.
 */

/** C (`leftRows × rightRows`) = A (`leftRows × inner`) · B (`rightRows × inner`)ᵀ. */
export function multiplyByTranspose(options: {
  left: Float64Array;
  right: Float64Array;
  leftRows: number;
  rightRows: number;
  inner: number;
}): Float64Array {
  const { left, right, leftRows, rightRows, inner } = options;
  const out = new Float64Array(leftRows * rightRows);
  for (let row = 0; row < leftRows; row++) {
    const leftAt = row * inner;
    const outAt = row * rightRows;
    let column = 0;
    for (; column + 3 < rightRows; column += 4) {
      const at0 = column * inner;
      const at1 = at0 + inner;
      const at2 = at1 + inner;
      const at3 = at2 + inner;
      let s0 = 0;
      let s1 = 0;
      let s2 = 0;
      let s3 = 0;
      for (let k = 0; k < inner; k++) {
        const value = left[leftAt + k] as number;
        s0 += value * (right[at0 + k] as number);
        s1 += value * (right[at1 + k] as number);
        s2 += value * (right[at2 + k] as number);
        s3 += value * (right[at3 + k] as number);
      }
      out[outAt + column] = s0;
      out[outAt + column + 1] = s1;
      out[outAt + column + 2] = s2;
      out[outAt + column + 3] = s3;
    }
    for (; column < rightRows; column++) {
      const at = column * inner;
      let sum = 0;
      for (let k = 0; k < inner; k++) sum += (left[leftAt + k] as number) * (right[at + k] as number);
      out[outAt + column] = sum;
    }
  }
  return out;
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
  const out = multiplyByTranspose({
    left: input,
    right: weight,
    leftRows: rows,
    rightRows: outputs,
    inner: inputs,
  });
  for (let row = 0; row < rows; row++)
    for (let unit = 0; unit < outputs; unit++)
      out[row * outputs + unit] = (out[row * outputs + unit] as number) + (bias[unit] as number);
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
  for (let row = 0; row < rows; row++)
    for (let unit = 0; unit < outputs; unit++)
      biasGradient[unit] = (biasGradient[unit] as number) + (upstream[row * outputs + unit] as number);
  const weightStep = multiplyByTranspose({
    left: transposed(upstream, rows, outputs),
    right: transposed(input, rows, inputs),
    leftRows: outputs,
    rightRows: inputs,
    inner: rows,
  });
  for (let index = 0; index < weightStep.length; index++)
    weightGradient[index] = (weightGradient[index] as number) + (weightStep[index] as number);
  if (!options.needInputGradient) return new Float64Array(0);
  return multiplyByTranspose({
    left: upstream,
    right: transposed(weight, outputs, inputs),
    leftRows: rows,
    rightRows: inputs,
    inner: outputs,
  });
}
