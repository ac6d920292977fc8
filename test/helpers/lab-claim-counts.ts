import { expect } from "vitest";
import { type RunLabOptions, runLab } from "../../src/lab/index.js";

/**
 * Runs `experiment` on each seed and counts, per claim, the seeds on which it holds — what the lab
 * claim tests compare with the counts docs/lab.md cites. Each run must report the claims in the
 * order of `holds`' keys, each starting with its key and carrying evidence.
 */
export async function claimHoldCounts(
  experiment: string,
  seeds: readonly number[],
  holds: Readonly<Record<string, number>>,
  options?: RunLabOptions["options"],
): Promise<Record<string, number>> {
  const prefixes = Object.keys(holds);
  const counts = new Map<string, number>();
  for (const seed of seeds) {
    const results = await runLab({ experiment, seed, ...(options ? { options } : {}) });
    expect(results.claims).toHaveLength(prefixes.length);
    results.claims.forEach((claim, index) => {
      const prefix = prefixes[index] as string;
      expect(claim.claim.startsWith(prefix), `claim ${index}: ${claim.claim}`).toBe(true);
      expect(Object.keys(claim.evidence).length).toBeGreaterThan(0);
      counts.set(prefix, (counts.get(prefix) ?? 0) + (claim.holds ? 1 : 0));
    });
  }
  return Object.fromEntries(counts);
}
