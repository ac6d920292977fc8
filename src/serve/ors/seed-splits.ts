import { RewardkitError } from "../../core/index.js";

export interface SeedRange {
  count: number;
  first_seed: number;
}

/**
 * Checks named seed ranges (each within 32 bits, no two overlapping, so a test task is never a
 * training task) and returns them by name.
 */
export function seedSplits(splits: Record<string, SeedRange>, environment: string): Map<string, SeedRange> {
  const ranges = Object.entries(splits);
  if (ranges.length === 0) {
    throw new RewardkitError("SPEC_INVALID", `${environment}: give at least one split`, { path: "splits" });
  }
  for (const [name, range] of ranges) {
    if (range.first_seed + range.count > 2 ** 32) {
      throw new RewardkitError("SPEC_INVALID", `${environment}: split ${name} runs past seed 2^32 - 1`, {
        path: `splits.${name}`,
      });
    }
  }
  const sorted = [...ranges].sort(([, a], [, b]) => a.first_seed - b.first_seed);
  for (let index = 1; index < sorted.length; index++) {
    const [previousName, previous] = sorted[index - 1] as [string, SeedRange];
    const [name, range] = sorted[index] as [string, SeedRange];
    if (previous.first_seed + previous.count > range.first_seed) {
      throw new RewardkitError(
        "SPEC_INVALID",
        `${environment}: splits ${previousName} and ${name} share seeds (from ${range.first_seed}); seed ranges must not overlap`,
        { path: `splits.${name}` },
      );
    }
  }
  return new Map(ranges);
}

/** The seed of task `index` of a split (the index is known to be in range). */
export function taskSeed(splits: Map<string, SeedRange>, split: string, index: number): number {
  const range = splits.get(split) as SeedRange;
  return range.first_seed + index;
}
