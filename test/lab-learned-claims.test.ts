import { describe, expect, it } from "vitest";
import { claimHoldCounts } from "./helpers/lab-claim-counts.js";

/**
 * Issue 17's learned and simulated reward-design experiments at their DEFAULT settings over seeds
 * 1–5: per claim, on how many seeds it holds (the counts docs/lab.md and docs/FEATURES.md cite; seeds
 * 6–10 are recorded there from `node bench/lab/seeds.mjs NAME --seeds 1-10`). A change that moves any
 * count fails here until the docs say the new one. Claims that do not hold on every seed are listed as
 * they are, not weakened. CPU on a quiet 2-core machine: novelty-recommendation ~5 s a seed, lipschitz-gail ~20 s at 3000 steps, morec ~10 s.
 */
const expected: Record<
  string,
  { seeds: number[]; options?: Record<string, unknown>; holds: Record<string, number> }
> = {
  "novelty-recommendation": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Novelty-seeking recommendation: novelty and diversity terms in the reward raise long-run engagement": 3,
      "Novelty-seeking recommendation: ... and catalogue coverage": 5,
      "Novelty-seeking recommendation: ... at a small short-term cost": 5,
      // The two-level policy does not beat the flat one here (docs/lab.md says why).
      "Novelty-seeking recommendation: the hierarchical (intent, item) policy earns more clicks": 1,
    },
  },
  // ~40 s a seed at the defaults (6000 steps): the test runs the smallest settings that show the same
  // pattern (3000 steps, ~20 s a seed); docs/lab.md records the defaults over 10 seeds.
  "lipschitz-gail": {
    seeds: [1, 2, 3],
    options: { steps: 3000, evaluate_every: 500 },
    holds: {
      // Not reproduced here: the penalized learner is the less stable one (docs/lab.md).
      "Blondé et al.: with the gradient penalty the imitation return is stable": 0,
      "Blondé et al.: without it, it collapses": 0,
      "Blondé et al.: the penalty keeps the discriminator's logit slope": 3,
      "Blondé et al.: pessimistic reward preconditioning on top of the penalty keeps the imitation return": 3,
    },
  },
  // ~10 s a seed at the defaults on a quiet machine (20 s at load 20).
  morec: {
    seeds: [1, 2, 3],
    holds: {
      // The ensemble extrapolates these translation-invariant dynamics well (docs/lab.md).
      "The premise: the learned model is wrong off the data": 0,
      "Luo et al. (MOREC): the dynamics reward learned from the offline data generalizes": 3,
      "Luo et al. (MOREC): the filtered model-based policy beats the unfiltered one": 2,
    },
  },
};

describe("learned reward-design lab claims (issue 17) at the default settings, seeds 1–5", () => {
  for (const [experiment, { seeds, options, holds }] of Object.entries(expected)) {
    it(`${experiment}: each claim holds on the documented number of seeds ${seeds[0]}–${seeds.at(-1)}`, async () => {
      expect(await claimHoldCounts(experiment, seeds, holds, options)).toEqual(holds);
    }, 600_000); // Seconds on a quiet machine; minutes when other work shares the two cores.
  }
});
