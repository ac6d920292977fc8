import { describe, expect, it } from "vitest";
import { claimHoldCounts } from "./helpers/lab-claim-counts.js";

/**
 * Issue 17's reward-design experiments at their DEFAULT settings over seeds 1–5: per claim, on how
 * many seeds it holds. These are the counts docs/lab.md and docs/FEATURES.md cite (seeds 6–10 are
 * recorded there from `node bench/lab/seeds.mjs NAME --seeds 1-10`); a change that moves any of them
 * fails here until the docs say the new count. Claims that do not hold on every seed are listed as
 * they are, not weakened. CPU on a quiet 2-core machine: potential-shaping ~3 s a seed, submodular
 * ~3 s, action-grouping ~1 s, barfi ~0.4 s, reward-design ~2 s (about 50 s in all).
 */
const expected: Record<string, { seeds: number[]; holds: Record<string, number> }> = {
  "potential-shaping": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Ng et al.: potential-based shaping (Φ = γ^(d−1), the optimal value) leaves the optimal policy unchanged": 5,
      "Ng et al.: ... for any potential, also one drawn at random per state": 5,
      "Ng et al.: with a good potential (Φ = γ^(d−1), the optimal value) Q-learning learns faster": 5,
      // The online Monte Carlo potential slows Q-learning on most seeds (docs/lab.md says why).
      "A potential learnt online (the library's Monte Carlo value table": 1,
      "Ng et al.: a non-potential progress bonus creates a reward loop the agent exploits": 5,
      "Ng et al.: the progress bonus changes the optimal policy itself": 5,
    },
  },
  submodular: {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Prajapat et al.: the marginal-gain policy gradient (SubPO, history-aware policy) covers more": 5,
      "Prajapat et al.: the per-step (additive) reward is optimized without covering": 5,
      "SubPO learns: it covers at least 10% more than a random walk": 5,
      "Prajapat et al.: a history-aware policy matters": 5,
    },
  },
  barfi: {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Gupta et al.: with a helpful heuristic BARFI learns faster than the primary reward alone": 5,
      "Gupta et al.: with a misleading heuristic naive addition fails": 5,
      "Gupta et al.: BARFI learns to down-weight the misleading heuristic": 5,
      "Gupta et al.: ... and keeps the helpful heuristic": 5,
      "The blend node's estimate from rewards alone": 5,
    },
  },
  "action-grouping": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Li et al.: grouping learns faster early": 5,
      "Li et al.: ... and plateaus lower as groups coarsen": 5,
      "Li et al.: the error/complexity trade-off": 5,
      "Li et al.: the best number of groups grows with the sample budget": 5,
    },
  },
  "reward-design": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Devidze et al. (EXPRD, reconstructed): the sparse designed reward": 5,
      "Devidze et al.: the designed reward is informative": 5,
      "Devidze et al.: the designed reward teaches Q-learning faster": 4, // not on seed 3 (docs/lab.md)
      "Devidze et al. (adaptive design, reconstructed): for a myopic learner": 5,
    },
  },
};

describe("reward-design lab claims (issue 17) at the default settings, seeds 1–5", () => {
  for (const [experiment, { seeds, holds }] of Object.entries(expected)) {
    it(`${experiment}: each claim holds on the documented number of seeds ${seeds[0]}–${seeds.at(-1)}`, async () => {
      // Evidence names the numbers each claim compared (computed from the run, never empty).
      expect(await claimHoldCounts(experiment, seeds, holds)).toEqual(holds);
    }, 600_000); // Seconds on a quiet machine; minutes when other work shares the two cores.
  }
});
