import { describe, expect, it } from "vitest";
import { diagnoseHacking } from "../src/diagnose/index.js";
import { overoptimizationTraffic } from "../src/lab/index.js";

// Issue 22: the over-optimization world shows the gold-probe flag firing before the gold falls.
// Traffic: 256 responses a step drawn from a KL-regularized policy optimizing a learned proxy RM in
// the lab's RLHF world; a quarter of them scored by the world's gold reward (the held-out probe).

const seeds = [1, 2, 3, 4, 5, 6, 7, 8];

/** The step of the exact gold's peak, and the first later step 10% of its gain below it (null: never). */
function goldTurn(exact: ReadonlyArray<{ gold: number }>): { peak: number; fall: number | null } {
  let peak = 0;
  exact.forEach((point, index) => {
    if (point.gold > (exact[peak]?.gold ?? Number.NEGATIVE_INFINITY)) peak = index;
  });
  const top = exact[peak]?.gold ?? 0;
  const gain = top - (exact[0]?.gold ?? 0);
  const fall = exact.findIndex((point, index) => index > peak && point.gold < top - 0.1 * gain);
  return { peak, fall: fall < 0 ? null : fall };
}

describe("gold_divergence on the lab's over-optimization world (seeds 1–8)", () => {
  it("fires on every seed, and wherever the gold falls it fires before the fall", () => {
    let falls = 0;
    for (const seed of seeds) {
      const { aggregates, exact } = overoptimizationTraffic({ seed });
      const flag = diagnoseHacking(aggregates).flags.find(
        (candidate) => candidate.name === "gold_divergence",
      );
      expect(flag?.status, `seed ${seed}`).toBe("fired");
      const first = flag?.first_step as number;
      const { peak, fall } = goldTurn(exact);
      const top = exact[peak]?.gold as number;
      const gain = top - (exact[0]?.gold as number);
      if (fall !== null) {
        falls++;
        expect(first, `seed ${seed}: fired at ${first}, gold fell at ${fall}`).toBeLessThan(fall);
      }
      // When it fires the policy has had (nearly) all the gold it will get: within 6% of the gain.
      expect((exact[first]?.gold as number) - (top - 0.06 * gain), `seed ${seed}`).toBeGreaterThan(0);
    }
    // The world does over-optimize: the gold falls within 150 steps on most seeds.
    expect(falls).toBeGreaterThanOrEqual(5);
  });

  it("stays quiet when the world has no hack to find (the gold never turns against the proxy)", () => {
    for (const seed of seeds) {
      const { aggregates, exact } = overoptimizationTraffic({ seed, hackPenalty: 0 });
      expect(goldTurn(exact).peak, `seed ${seed}`).toBe(exact.length - 1);
      const report = diagnoseHacking(aggregates);
      expect(report.flags.find((flag) => flag.name === "gold_divergence")?.status, `seed ${seed}`).toBe(
        "quiet",
      );
      expect(report.fired, `seed ${seed}`).toEqual([]);
    }
  });
});
