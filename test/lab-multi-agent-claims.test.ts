import { describe, expect, it } from "vitest";
import { claimHoldCounts } from "./helpers/lab-claim-counts.js";

/**
 * Issue 19's multi-agent experiments at their DEFAULT settings over seeds 1–5: per claim, on how many
 * seeds it holds (the counts docs/lab.md and docs/FEATURES.md cite; seeds 1–10 there come from
 * `node bench/lab/seeds.mjs NAME --seeds 1-10`). Claims that do not hold on every seed are listed
 * as they are. CPU on a quiet 2-core machine: donor-game ~1 s a seed, punishment ~2 s, meta-representation ~1.5 s, subgoal-marl ~3 s.
 */
const expected: Record<string, { seeds: number[]; holds: Record<string, number> }> = {
  "donor-game": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Vallinder & Hughes: with recipients' traces visible, cooperation": 5,
      "Vallinder & Hughes: with traces hidden, cooperation collapses": 5,
      "Reputation is what sustains it": 5,
      "Punishment's effect depends on its cost: in generation 1": 4,
      // Cost does not order the final cooperation in the scripted family (docs/lab.md).
      "Punishment's effect depends on its cost: cheap punishment (1:4) ends with more cooperation": 1,
    },
  },
  punishment: {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Dasgupta & Musolesi: direct punishment raises cooperation": 5,
      "Dasgupta & Musolesi: direct punishment with partner selection raises": 5,
      // Selection and reputation alone rarely move tabular learners off defection (docs/lab.md).
      "Dasgupta & Musolesi: partner selection by reputation alone": 2,
      "Dasgupta & Musolesi: seeing the partner's reputation alone": 0,
      "Dasgupta & Musolesi: the combination (punishment + selection)": 5,
      "Dasgupta & Musolesi: costly punishment": 5,
    },
  },
  "meta-representation": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Meta Representations for MARL: on the training sizes' mixed strategy set": 5,
      "Meta Representations for MARL: on every unseen population size": 5,
      "Meta Representations for MARL: after 2 episodes on the unseen sizes": 5,
      "After 2 episodes on the unseen sizes, the latent-conditioned policy is within": 5,
    },
  },
  "subgoal-marl": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Subgoal-based HRL: the mixer with dynamically generated subgoals earns a higher team return": 4,
      "Subgoal-based HRL: the mixer with subgoals coordinates": 5,
      // The tabular mixer is not reliably better than independent learners here (docs/lab.md).
      "QMIX-style credit assignment: the monotonic mixer earns a higher team return": 3,
      "Subgoal-based HRL: the mixer with subgoals earns a higher team return than independent": 4,
    },
  },
};

describe("multi-agent lab claims (issue 19) at the default settings, seeds 1–5", () => {
  for (const [experiment, { seeds, holds }] of Object.entries(expected)) {
    it(`${experiment}: each claim holds on the documented number of seeds`, async () => {
      expect(await claimHoldCounts(experiment, seeds, holds)).toEqual(holds);
    }, 600_000);
  }
});
