import type { Random } from "../random.js";

/**
 * Where a gradient penalty looks (Blondé et al.'s code, `grad_pen_type`):
 * - `interpolated`: x̂ = u·x_E + (1 − u)·x_π, u ~ U(0, 1) per row (WGAN-GP; the methods doc's ζ);
 * - `expert`: the expert rows themselves; `policy`: the policy rows themselves (the code's `bare`).
 */
export type PenaltyPoints = "interpolated" | "expert" | "policy";

/** The `rows × columns` points a penalty is taken at, drawn from one expert and one policy batch. */
export function penaltyPoints(options: {
  kind: PenaltyPoints;
  expert: Float64Array;
  policy: Float64Array;
  rows: number;
  columns: number;
  random: Random;
}): Float64Array {
  const { kind, expert, policy, rows, columns, random } = options;
  if (kind === "expert") return expert.slice(0, rows * columns);
  if (kind === "policy") return policy.slice(0, rows * columns);
  const points = new Float64Array(rows * columns);
  for (let row = 0; row < rows; row++) {
    const share = random.next();
    for (let column = 0; column < columns; column++) {
      const index = row * columns + column;
      points[index] = share * (expert[index] as number) + (1 - share) * (policy[index] as number);
    }
  }
  return points;
}
