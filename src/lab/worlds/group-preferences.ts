import { sigmoid } from "../../core/index.js";
import type { LabRandom } from "../random.js";

/**
 * Preference data from groups of people who judge differently (reconstructed world for equitable
 * sampling): every group has its own hidden linear reward over the features its responses vary
 * in, and groups vary in a different number of them (their responses are richer): a group whose
 * taste depends on more features needs more comparisons before an RM learns it (error ~ d/n).
 * Labels come from a Bradley–Terry labeller of a given sharpness.
 */
export interface GroupWorld {
  dimensions: number;
  sharpness: number;
  groups: { share: number; weights: Float64Array; active: number }[];
}

export function createGroupWorld(input: {
  dimensions: number;
  shares: readonly number[];
  complexity: readonly number[];
  sharpness: number;
  random: LabRandom;
}): GroupWorld {
  return {
    dimensions: input.dimensions,
    sharpness: input.sharpness,
    groups: input.shares.map((share, group) => {
      const active = Math.min(input.dimensions, input.complexity[group] ?? input.dimensions);
      const weights = Float64Array.from({ length: input.dimensions }, (_, index) =>
        index < active ? input.random.normal() : 0,
      );
      const norm = Math.hypot(...weights) || 1;
      return { share, weights: weights.map((value) => (value * 2) / norm), active };
    }),
  };
}

/** One comparison of group g: two response vectors and the labeller's answer (and the gold sign). */
export interface GroupPair {
  a: Float64Array;
  b: Float64Array;
  preferA: boolean;
  goldA: boolean;
}

export function drawGroupPairs(
  world: GroupWorld,
  group: number,
  count: number,
  random: LabRandom,
): GroupPair[] {
  const { weights, active } = world.groups[group] as { weights: Float64Array; active: number };
  const response = () =>
    Float64Array.from({ length: world.dimensions }, (_, index) => (index < active ? random.normal() : 0));
  return Array.from({ length: count }, () => {
    const a = response();
    const b = response();
    const gap = a.reduce(
      (sum, value, index) => sum + (value - (b[index] as number)) * (weights[index] as number),
      0,
    );
    return { a, b, preferA: random.next() < sigmoid(world.sharpness * gap), goldA: gap > 0 };
  });
}
