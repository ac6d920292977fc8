import { describe, expect, it } from "vitest";
import { runLab } from "../src/lab/index.js";
import { hasSharedData } from "./helpers/shared-data.js";

/**
 * The select room's lab experiments (issue 20) at their DEFAULT settings over seeds 1–5 (b-star 1–3): per claim, on
 * how many seeds it holds. These are the counts docs/lab.md and docs/FEATURES.md cite; a change that
 * moves any of them fails here until the docs say the new count. Claims that do not hold on every
 * seed are listed as they are, not weakened (docs/lab.md also records seeds 1–10 from
 * `node bench/lab/seeds.mjs`). The base model is trained on GSM8K questions from the shared data, so
 * the tests skip without it (and fail under REWARDKIT_REQUIRE_SHARED_DATA=1).
 * CPU time a seed: raft ~3 s, fk-steering ~4 s, vas ~4 s, dno ~3 s, b-star ~8 s.
 */
const expected: Record<string, { seeds: number[]; holds: Record<string, number> }> = {
  raft: {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Dong et al.: RAFT's reward rises over rounds": 5,
      "Diversity (the policy's per-character entropy along its samples) falls less under RAFT": 5,
      "Diversity as distinct word bigrams over samples falls less under RAFT": 3,
      "With the same budget RAFT ends with at least the reward of best-of-n fine-tuning": 4,
    },
  },
  "fk-steering": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Singhal et al.: at 8 particles FK steering reaches more reward than best-of-8": 5,
      "At 8 particles FK steering reaches more reward than sampling": 5,
      "FK steering's advantage over best-of-n holds at every particle count of 4 or more": 5,
    },
  },
  vas: {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Han et al.: VAS trades KL for reward": 5,
      "VAS's KL to the base model grows with β": 5,
      "At the same KL, VAS reaches at least 90% of best-of-n's reward gain": 2,
    },
  },
  dno: {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Rosset et al.: on-policy DNO iterations end with a higher gold win rate": 5,
      "DNO's gold win rate against the base rises over iterations": 5,
      "DNO's final policy beats the base": 5,
    },
  },
  // B-STaR runs four self-improvement loops a seed (~8 s of CPU): seeds 1–3 here, 1–10 in docs/lab.md.
  "b-star": {
    seeds: [1, 2, 3],
    holds: {
      "Zeng et al.: with the temperature and threshold chosen each round by the balance score": 2,
      "Zeng et al.: B-STaR keeps exploration up": 2,
      "Zeng et al.: B-STaR ends with more distinct correct answers": 3,
    },
  },
};

describe("select-room lab claims at the default settings, over seeds", () => {
  for (const [experiment, { seeds, holds }] of Object.entries(expected)) {
    it(`${experiment}: each claim holds on the documented number of seeds ${seeds[0]}–${seeds.at(-1)}`, async () => {
      if (!hasSharedData("gsm8k", "train.jsonl")) return;
      const counts = new Map<string, number>();
      for (const seed of seeds) {
        const results = await runLab({ experiment, seed });
        expect(results.corpus).toMatch(/^gsm8k/);
        const prefixes = Object.keys(holds);
        expect(results.claims).toHaveLength(prefixes.length);
        results.claims.forEach((claim, index) => {
          const prefix = prefixes[index] as string;
          expect(claim.claim.startsWith(prefix), `claim ${index}: ${claim.claim}`).toBe(true);
          counts.set(prefix, (counts.get(prefix) ?? 0) + (claim.holds ? 1 : 0));
        });
      }
      expect(Object.fromEntries(counts)).toEqual(holds);
    }, 600_000); // Seconds on a quiet machine; minutes when other work shares the two cores.
  }
});
