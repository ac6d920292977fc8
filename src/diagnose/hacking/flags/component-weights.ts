import { CholeskyDecomposition, Matrix } from "ml-matrix";
import type { HackingRoles } from "../options.js";
import type { StepAggregate } from "../step-aggregate.js";

/** Each component's weight in the reward, and where the weights came from. */
export interface ComponentWeights {
  names: string[];
  weights: Record<string, number>;
  source: "given" | "fit" | "unit";
  /** R² of the least-squares fit, when one was tried. */
  r2?: number;
}

/** R² a least-squares fit of reward on components needs before its weights are trusted. */
const fitR2 = 0.98;

/**
 * The weights that turn component means into shares of the reward: the given ones (the spec's
 * `weighted` terms, or `roles.weights`); else a least-squares fit of the reward on the components
 * (no intercept), kept only when it explains the reward almost exactly (R² ≥ 0.98: a linear spec);
 * else 1 for every component ("unit": the shares are of the raw means). Ensemble disagreement
 * pseudo-components are never counted.
 */
export function componentWeights(total: StepAggregate, roles: HackingRoles): ComponentWeights {
  const present = Object.keys(total.components)
    .filter((name) => !name.endsWith(".disagreement"))
    .sort();
  if (roles.weights) {
    const names = present.filter((name) => roles.weights?.[name] !== undefined);
    if (names.length > 0) {
      return {
        names,
        weights: Object.fromEntries(names.map((name) => [name, roles.weights?.[name] ?? 1])),
        source: "given",
      };
    }
  }
  const unit: ComponentWeights = {
    names: present,
    weights: Object.fromEntries(present.map((name) => [name, 1])),
    source: "unit",
  };
  const fitted = present.filter((name) => total.pairs[`${name}|`] !== undefined);
  if (fitted.length === 0) return unit;
  const fit = fitWeights(total, fitted);
  if (!fit) return unit;
  if (fit.r2 < fitR2) return { ...unit, r2: fit.r2 };
  return { names: fitted, weights: fit.weights, source: "fit", r2: fit.r2 };
}

function fitWeights(
  total: StepAggregate,
  names: readonly string[],
): { weights: Record<string, number>; r2: number } | undefined {
  const k = names.length;
  const gram = Matrix.zeros(k, k);
  const right = Matrix.zeros(k, 1);
  const withReward = (name: string) => total.pairs[`${name}|`];
  for (let i = 0; i < k; i++) {
    const first = withReward(names[i] as string);
    if (!first) return undefined;
    gram.set(i, i, first.xx);
    right.set(i, 0, first.xy);
    for (let j = i + 1; j < k; j++) {
      const pair = total.pairs[`${names[i]}|${names[j]}`];
      if (!pair) return undefined;
      gram.set(i, j, pair.xy);
      gram.set(j, i, pair.xy);
    }
  }
  const cholesky = new CholeskyDecomposition(gram);
  if (!cholesky.isPositiveDefinite()) return undefined;
  const solution = cholesky.solve(right);
  const reference = withReward(names[0] as string);
  if (!reference || reference.n < k + 2) return undefined;
  const rewardSquares = reference.yy;
  const totalSquares = rewardSquares - (reference.y * reference.y) / reference.n;
  let explained = 0;
  for (let i = 0; i < k; i++) explained += solution.get(i, 0) * right.get(i, 0);
  // With the normal equations solved, SS_res = Σr² − wᵀXᵀr.
  const residual = rewardSquares - explained;
  const weights: Record<string, number> = {};
  names.forEach((name, index) => {
    weights[name] = solution.get(index, 0);
  });
  if (!Object.values(weights).every(Number.isFinite)) return undefined;
  const r2 =
    totalSquares > 1e-12
      ? 1 - residual / totalSquares
      : residual <= 1e-9 * Math.max(1, rewardSquares)
        ? 1
        : 0;
  return { weights, r2 };
}
