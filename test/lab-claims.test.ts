import { describe, expect, it } from "vitest";
import { runLab } from "../src/lab/index.js";

/**
 * Each experiment's claims at its DEFAULT settings over several seeds: per claim, on how many of the
 * seeds it holds. These are the counts docs/lab.md and docs/FEATURES.md cite ("holds on k of n
 * seeds"); a change that moves any of them fails here until the docs say the new count. Claims that
 * do not hold on every seed are listed as they are, not weakened. The slow experiments run seeds 1–3
 * (their counts over seeds 1–10 are recorded in docs/lab.md from `node bench/lab/seeds.mjs`), the
 * fast ones seeds 1–5. Three seeds are the fewest that still show each claim's typical count (issue
 * 27: best-of-n over-optimization 3 of 3, the clip's rank-bias effect 3 of 3, the findings that do
 * not reproduce 0–2 of 3). CPU time a seed: overoptimization ~14 s, unlikeliness ~7 s,
 * dpo-overoptimization ~4 s, constrained ~1 s, adaptive-reasoning ~0.2 s (about 100 s in all on a
 * quiet 2-core machine; several times that when other work shares the cores).
 */
const expected: Record<string, { seeds: number[]; holds: Record<string, number> }> = {
  overoptimization: {
    seeds: [1, 2, 3],
    holds: {
      "Gao et al.: optimizing a single proxy RM with policy gradient": 3,
      "Gao et al.: under best-of-n the gold reward falls behind": 3,
      "Gao et al.: best-of-n against a single proxy also over-optimizes": 3,
      "Gao et al.: the single-RM best-of-n gold curve follows": 2,
      "Gao et al.: the single-RM policy-gradient gold curve follows": 1,
      "Coste et al.: under best-of-n, the WCO (min) and UWO": 3,
      "Coste et al.: under policy gradient, WCO and UWO end": 3,
      "Eisenstein et al.: ensembles mitigate but do not eliminate": 3,
      "Eisenstein et al.: an ensemble of separately pretrained RMs": 2,
      "Fu et al.: PAR-shaped policy gradient ends with more gold": 3,
    },
  },
  unlikeliness: {
    seeds: [1, 2, 3],
    holds: {
      "He et al.: GRPO raises pass@1": 3,
      "He et al.: GRPO sharpens the distribution": 3,
      "He et al.: GRPO's rank bias": 3,
      "He et al.: the unlikeliness reward keeps more pass@": 3,
      "He et al.: the unlikeliness reward shrinks the rank bias": 3,
      "He et al.: 2 PPO epochs per batch keep more pass@": 3,
      "He et al.'s mechanism: the gain from 2 epochs comes from PPO's clip": 2,
      "He et al.'s mechanism: with 2 epochs the clip shrinks the rank bias": 3,
      "He et al.'s mechanism: after the first epoch, samples the policy already found likely": 0,
    },
  },
  "dpo-overoptimization": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Rafailov et al.: a smaller β lets DPO move further": 5,
      "Rafailov et al.: across KL budgets the end-of-training gold reward rises and then falls": 5,
      "Rafailov et al.: at a large KL budget DPO's gold reward peaks within the first epoch": 5,
      "Rafailov et al. (with Gao et al.'s form): end-of-training gold across β follows": 3,
    },
  },
  constrained: {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Moskovitz et al.: with fixed weights the components overshoot": 5,
      "Moskovitz et al.: ξ-PPO (equality constraints, tanh multipliers) keeps": 5,
      "Moskovitz et al.: ξ-PPO ends with more gold": 5,
      "Moskovitz et al.: μ-PPO (inequality constraints": 5,
      "Moskovitz et al.: the constrained runs stay closer": 5,
      "Moskovitz et al.: NM-PPO, not told the proxy points": 4,
    },
  },
  "adaptive-reasoning": {
    seeds: [1, 2, 3, 4, 5],
    holds: {
      "Wang et al. (reconstructed reward): the adaptive group reward learns short": 5,
      "Wang et al. (reconstructed reward): ... and long reasoning on hard": 5,
      "Wang et al.: choosing the mode per prompt buys more accuracy": 5,
      "Wang et al.: rewarding correctness alone does not teach short": 5,
    },
  },
};

describe("lab claims at the default settings, over seeds", () => {
  for (const [experiment, { seeds, holds }] of Object.entries(expected)) {
    it(`${experiment}: each claim holds on the documented number of seeds ${seeds[0]}–${seeds.at(-1)}`, async () => {
      const counts = new Map<string, number>();
      for (const seed of seeds) {
        const results = await runLab({ experiment, seed });
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
