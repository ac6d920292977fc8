import { sigmoid } from "../core/index.js";

/**
 * PAR's "fitted-poly" baseline (`reward_shaper.py`): a degree-5 polynomial least-squares fitted to the
 * sigmoid at 100 evenly spaced points on [−5, 5] (scipy `curve_fit`), 0 below −5 and 1 above 5.
 * We solve the same least-squares problem exactly at load; curve_fit's iterative answer differs from
 * it by about 1e-7.
 */
const coefficients = fitPolynomial(
  Array.from({ length: 100 }, (_, index) => -5 + (10 * index) / 99),
  (x) => sigmoid(x),
  5,
);

/** The fitted polynomial, clamped to 0 and 1 outside [−5, 5]. */
export function fittedPolySigmoid(x: number): number {
  if (x <= -5) return 0;
  if (x >= 5) return 1;
  let value = 0;
  for (let power = coefficients.length - 1; power >= 0; power--) {
    value = value * x + (coefficients[power] as number);
  }
  return value;
}

/** Least-squares polynomial coefficients, lowest power first (normal equations, partial pivoting). */
export function fitPolynomial(
  xs: readonly number[],
  target: (x: number) => number,
  degree: number,
): number[] {
  const size = degree + 1;
  const matrix = Array.from({ length: size }, () => new Array<number>(size + 1).fill(0));
  for (const x of xs) {
    const y = target(x);
    for (let row = 0; row < size; row++) {
      const rowPower = x ** row;
      const cells = matrix[row] as number[];
      for (let col = 0; col < size; col++) cells[col] = (cells[col] as number) + rowPower * x ** col;
      cells[size] = (cells[size] as number) + rowPower * y;
    }
  }
  for (let pivot = 0; pivot < size; pivot++) {
    let best = pivot;
    for (let row = pivot + 1; row < size; row++) {
      if (
        Math.abs((matrix[row] as number[])[pivot] as number) >
        Math.abs((matrix[best] as number[])[pivot] as number)
      )
        best = row;
    }
    [matrix[pivot], matrix[best]] = [matrix[best] as number[], matrix[pivot] as number[]];
    const pivotRow = matrix[pivot] as number[];
    for (let row = pivot + 1; row < size; row++) {
      const cells = matrix[row] as number[];
      const factor = (cells[pivot] as number) / (pivotRow[pivot] as number);
      for (let col = pivot; col <= size; col++)
        cells[col] = (cells[col] as number) - factor * (pivotRow[col] as number);
    }
  }
  const solution = new Array<number>(size).fill(0);
  for (let row = size - 1; row >= 0; row--) {
    const cells = matrix[row] as number[];
    let total = cells[size] as number;
    for (let col = row + 1; col < size; col++) total -= (cells[col] as number) * (solution[col] as number);
    solution[row] = total / (cells[row] as number);
  }
  return solution;
}
