import { CholeskyDecomposition, Matrix } from "ml-matrix";
import { type SparseVector, sparseDot } from "./hashed-features.js";

export interface ProgressFit {
  /** c_t for each step of each trajectory: its contribution to the predicted final reward. */
  contributions: number[][];
  /** R̂ = Σ_t c_t for each trajectory. */
  predicted: number[];
  /** 1 - SS_res/SS_tot of R̂ against the final rewards (1 when both are flat and match). */
  r2: number;
  rmse: number;
  /** The fitted weights (when asked for with `keepWeights`). */
  weights?: Float64Array;
}

/** Σ of sparse vectors, sparse. */
function sumSparse(vectors: readonly SparseVector[]): SparseVector {
  const totals = new Map<number, number>();
  for (const vector of vectors) {
    vector.indices.forEach((index, position) => {
      totals.set(index, (totals.get(index) ?? 0) + (vector.values[position] as number));
    });
  }
  const indices = [...totals.keys()];
  return { indices, values: indices.map((index) => totals.get(index) as number) };
}

function zeros(rows: number, columns: number): number[][] {
  return Array.from({ length: rows }, () => new Array<number>(columns).fill(0));
}

/**
 * Ridge least squares `min ‖Φw − R‖² + λ‖w‖²` for sparse rows Φ_i, solved by Cholesky in the smaller
 * of the dual (n × n Gram matrix, when there are fewer rows than features) or primal (d × d) form.
 */
export function sparseRidge(
  rows: readonly SparseVector[],
  targets: readonly number[],
  width: number,
  l2: number,
): Float64Array {
  const weights = new Float64Array(width);
  if (rows.length <= width) {
    const gram = zeros(rows.length, rows.length);
    const dense = new Float64Array(width);
    rows.forEach((row, i) => {
      row.indices.forEach((index, position) => {
        dense[index] = row.values[position] as number;
      });
      for (let j = 0; j <= i; j++) {
        const dot = sparseDot(rows[j] as SparseVector, dense);
        (gram[i] as number[])[j] = dot;
        (gram[j] as number[])[i] = dot;
      }
      for (const index of row.indices) dense[index] = 0;
      (gram[i] as number[])[i] = ((gram[i] as number[])[i] as number) + l2;
    });
    const dual = new CholeskyDecomposition(new Matrix(gram))
      .solve(Matrix.columnVector([...targets]))
      .getColumn(0);
    rows.forEach((row, i) => {
      row.indices.forEach((index, position) => {
        weights[index] = (weights[index] as number) + (dual[i] as number) * (row.values[position] as number);
      });
    });
    return weights;
  }
  const normal = zeros(width, width);
  const right = new Array<number>(width).fill(0);
  rows.forEach((row, i) => {
    row.indices.forEach((a, p) => {
      const value = row.values[p] as number;
      right[a] = (right[a] as number) + value * (targets[i] as number);
      const line = normal[a] as number[];
      row.indices.forEach((b, q) => {
        line[b] = (line[b] as number) + value * (row.values[q] as number);
      });
    });
  });
  for (let index = 0; index < width; index++)
    (normal[index] as number[])[index] = ((normal[index] as number[])[index] as number) + l2;
  const solved = new CholeskyDecomposition(new Matrix(normal)).solve(Matrix.columnVector(right)).getColumn(0);
  solved.forEach((value, index) => {
    weights[index] = value;
  });
  return weights;
}

/**
 * SPA-RL's progress estimator objective (prm/train_our_progress_model.py): per-step outputs c_t whose
 * sum predicts the trajectory's final reward, trained with MSE(Σ_t c_t, R). Here c_t = w·φ(step_t) is
 * linear in hashed step features (instead of an LM head), so the fit is ridge least squares on the
 * summed features Σ_t φ(step_t), solved exactly.
 */
export function fitProgress(
  trajectories: readonly (readonly SparseVector[])[],
  finalRewards: readonly number[],
  options: { dimensions: number; l2: number; keepWeights?: boolean },
): ProgressFit {
  const count = trajectories.length;
  const weights = sparseRidge(trajectories.map(sumSparse), finalRewards, options.dimensions + 1, options.l2);
  const contributions = trajectories.map((steps) => steps.map((step) => sparseDot(step, weights)));
  const predicted = contributions.map((values) => values.reduce((total, value) => total + value, 0));
  const mean = finalRewards.reduce((total, value) => total + value, 0) / Math.max(count, 1);
  let residual = 0;
  let spread = 0;
  finalRewards.forEach((reward, index) => {
    residual += (reward - (predicted[index] as number)) ** 2;
    spread += (reward - mean) ** 2;
  });
  const r2 = spread > 0 ? 1 - residual / spread : residual < 1e-12 ? 1 : 0;
  const rmse = Math.sqrt(residual / Math.max(count, 1));
  return options.keepWeights
    ? { contributions, predicted, r2, rmse, weights }
    : { contributions, predicted, r2, rmse };
}
