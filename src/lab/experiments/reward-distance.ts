import { z } from "zod";
import {
  epicDistance,
  greedyPolicy,
  normalizeReward,
  optimalValues,
  policyValue,
  rewardNorm,
  shapeReward,
  starcDistance,
  type TabularMdp,
  type TabularReward,
} from "../../diagnose/index.js";
import { deriveSeed, labRandom } from "../random.js";
import { rewardDistanceReport } from "../report/reward-distance-report.js";
import type { MeasuredCurve } from "../results.js";
import { spearman } from "../statistics/rank-correlation.js";
import { randomMdp, randomReward } from "../worlds/random-mdp.js";
import { defineExperiment } from "./experiment.js";
import { type DistanceRecord, rewardDistanceClaims } from "./reward-distance-claims.js";

const options = z.object({
  mdps: z.number().int().min(2).default(40).describe("Random MDPs drawn."),
  states: z.number().int().min(2).default(12).describe("States per MDP."),
  actions: z.number().int().min(2).default(3).describe("Actions per state."),
  branching: z.number().int().min(1).default(3).describe("Next states each (s, a) can reach."),
  gamma: z.number().min(0).max(0.99).default(0.9).describe("Discount γ."),
  noise_levels: z
    .array(z.number().positive())
    .min(2)
    .default([0.05, 0.1, 0.2, 0.4, 0.8, 1.6, 3.2])
    .describe("Std of the Gaussian noise added to R (R has std 1) to make the compared reward."),
  shaping_scale: z
    .number()
    .positive()
    .default(10)
    .describe("Std of the random potential Φ of the equivalent (shaped and rescaled) rewards."),
});

/** J(π) = mean over start states of V^π_R (uniform start). */
function policyReturn(mdp: TabularMdp, reward: TabularReward, policy: Float64Array): number {
  const value = policyValue(mdp, reward, policy);
  return value.reduce((sum, item) => sum + item, 0) / value.length;
}

/** Regret under R of the policy optimal for `other`, as a share of the best-minus-worst range of R. */
function normalizedRegret(mdp: TabularMdp, reward: TabularReward, other: TabularReward): number {
  const best = policyReturn(mdp, reward, greedyPolicy(mdp, optimalValues(mdp, reward).q));
  const worst = policyReturn(
    mdp,
    reward,
    greedyPolicy(
      mdp,
      optimalValues(
        mdp,
        reward.map((value) => -value),
      ).q,
    ),
  );
  const chosen = policyReturn(mdp, reward, greedyPolicy(mdp, optimalValues(mdp, other).q));
  return (best - chosen) / Math.max(best - worst, 1e-12);
}

/** The L2 distance of the raw rewards after scaling each to unit norm, halved (no canonicalization). */
function naiveDistance(a: TabularReward, b: TabularReward): number {
  const unitA = normalizeReward(a);
  const unitB = normalizeReward(b);
  return (
    rewardNorm(
      unitA.map((value, index) => value - (unitB[index] as number)),
      "l2",
    ) / 2
  );
}

export const rewardDistance = defineExperiment({
  name: "reward-distance",
  summary:
    "Random MDPs: STARC and EPIC put potential-shaped, rescaled rewards at distance 0, and their distances to noisy versions of a reward track the regret of optimizing the noisy one.",
  papers: [
    "STARC: A General Framework for Quantifying Differences Between Reward Functions (Skalse et al. 2023)",
    "Quantifying Differences in Reward Functions (EPIC, Gleave et al. 2020)",
  ],
  options,
  quick: { mdps: 8, states: 6, noise_levels: [0.1, 0.5, 2] },
  run(settings, seed) {
    const equivalent: { starc: number; epic: number; naive: number }[] = [];
    const perturbed: DistanceRecord[] = [];
    for (let index = 0; index < settings.mdps; index++) {
      const random = labRandom(deriveSeed(seed, `mdp-${index}`));
      const mdp = randomMdp({ ...settings, random });
      const reward = randomReward(mdp, random);
      const potential = Array.from({ length: mdp.states }, () => settings.shaping_scale * random.normal());
      const scale = Math.exp(4 * random.next() - 2);
      const shaped = shapeReward(mdp, reward, { potential, scale });
      equivalent.push({
        starc: starcDistance(mdp, reward, shaped, { halve: true }),
        epic: epicDistance(mdp, reward, shaped),
        naive: naiveDistance(reward, shaped),
      });
      for (const level of settings.noise_levels) {
        const noisy = reward.map((value) => value + level * random.normal());
        perturbed.push({
          level,
          starc: starcDistance(mdp, reward, noisy, { halve: true }),
          epic: epicDistance(mdp, reward, noisy),
          regret: normalizedRegret(mdp, reward, noisy),
        });
      }
    }
    const meanAt = (key: "starc" | "epic" | "regret", level: number) => {
      const rows = perturbed.filter((row) => row.level === level);
      return rows.reduce((sum, row) => sum + row[key], 0) / rows.length;
    };
    const curves: MeasuredCurve[] = (["starc", "epic", "regret"] as const).map((key) => ({
      method: key === "regret" ? "normalized_regret" : `${key}_distance`,
      x: "noise std added to R",
      y: key === "regret" ? "regret of the noisy reward's optimal policy (share of range)" : "distance",
      points: settings.noise_levels.map((level) => ({ x: level, y: meanAt(key, level) })),
    }));
    const correlation = {
      starc: spearman(
        perturbed.map((row) => row.starc),
        perturbed.map((row) => row.regret),
      ),
      epic: spearman(
        perturbed.map((row) => row.epic),
        perturbed.map((row) => row.regret),
      ),
    };
    const claims = rewardDistanceClaims({ equivalent, correlation });
    const results = {
      experiment: "reward-distance",
      seed,
      curves,
      claims,
      settings,
      equivalent_pairs: equivalent,
      rank_correlation_with_regret: correlation,
      pairs: perturbed,
    };
    return Promise.resolve({ results, sections: rewardDistanceReport(results) });
  },
});
