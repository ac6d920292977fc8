/**
 * Combining a vector of named rewards by a user's preference: a weight vector, or DPA's unit direction
 * (Directional Preference Alignment, rm-rl.md §4: R(x, v, y) = vᵀ r(x, y) with ‖v‖₂ = 1).
 */

/** DPA's two-objective direction v = (cos θ, sin θ), θ in degrees (the README suggests θ ∈ [−45°, 0°]). */
export function directionFromAngle(degrees: number): [number, number] {
  const radians = (degrees * Math.PI) / 180;
  return [Math.cos(radians), Math.sin(radians)];
}

export type WeightNormalization = "none" | "unit" | "sum";

/** none: as given; unit: v/‖v‖₂ (DPA); sum: w/Σ|w| (a weighted mean). A zero vector stays zero. */
export function normalizeWeights(weights: readonly number[], normalization: WeightNormalization): number[] {
  if (normalization === "none") return [...weights];
  const size =
    normalization === "unit"
      ? Math.sqrt(weights.reduce((sum, weight) => sum + weight * weight, 0))
      : weights.reduce((sum, weight) => sum + Math.abs(weight), 0);
  return size > 0 ? weights.map((weight) => weight / size) : weights.map(() => 0);
}

/**
 * vᵀ r.
 * @example directionalReward(directionFromAngle(-15), [80, 40]) // 66.921304
 */
export function directionalReward(direction: readonly number[], rewards: readonly number[]): number {
  let total = 0;
  for (let index = 0; index < rewards.length; index++)
    total += (direction[index] ?? 0) * (rewards[index] as number);
  return total;
}

/**
 * DPA's system-prompt phrase for a direction: weights round(100·v), e.g.
 * "helpfulness*97 + verbosity*-26" for θ = −15°.
 */
export function directionPrompt(names: readonly string[], direction: readonly number[]): string {
  return names.map((name, index) => `${name}*${Math.round(100 * (direction[index] ?? 0))}`).join(" + ");
}
