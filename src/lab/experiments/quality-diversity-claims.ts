import { type Claim, claim } from "../results.js";
import type { SearchPoint } from "../worlds/qd-budget.js";
import type { QdMethod } from "../worlds/qd-methods.js";

/** One search's outcome at the shared budget. */
export interface QdRun {
  method: QdMethod;
  bestReward: number;
  coverage: number;
  closest: number;
  firstRewardAt: number | undefined;
  curve: SearchPoint[];
  positions: [number, number][];
}

/** "About as well": STAX's coverage at least this share of novelty search's with the hand descriptor. */
export const staxCoverageShare = 0.75;

export function qualityDiversityClaims(runs: readonly QdRun[]): Claim[] {
  const get = (method: QdMethod) => {
    const run = runs.find((each) => each.method === method);
    if (!run) throw new RangeError(`no ${method} run`);
    return run;
  };
  const fitness = get("fitness");
  const ns = get("novelty_search");
  const serene = get("serene");
  const stax = get("stax");
  const elites = get("map_elites");
  return [
    claim(
      "Lehman & Stanley: fitness-only evolution (−distance to the goal) is deceived — it never reaches the reward area, stuck behind the wall",
      fitness.bestReward === 0,
      {
        fitness_best_reward: fitness.bestReward,
        fitness_closest_distance: fitness.closest,
        fitness_coverage: fitness.coverage,
      },
    ),
    claim(
      "Lehman & Stanley: novelty search (final position as behaviour) finds the sparse reward within the budget",
      ns.bestReward > 0,
      {
        novelty_search_best_reward: ns.bestReward,
        novelty_search_first_reward_at: ns.firstRewardAt ?? -1,
        novelty_search_coverage: ns.coverage,
      },
    ),
    claim(
      "Paolo et al. (SERENE): alternating novelty search with reward emitters reaches a higher reward than novelty search alone with the same evaluations",
      serene.bestReward > ns.bestReward,
      { serene_best_reward: serene.bestReward, novelty_search_best_reward: ns.bestReward },
    ),
    claim(
      `Paolo et al. (STAX): novelty in an autoencoder's online latent space covers the maze about as well as the hand-designed descriptor — at least ${staxCoverageShare} of its coverage, and more than fitness-only evolution`,
      stax.coverage >= staxCoverageShare * ns.coverage && stax.coverage > fitness.coverage,
      {
        stax_coverage: stax.coverage,
        novelty_search_coverage: ns.coverage,
        fitness_coverage: fitness.coverage,
        required_share: staxCoverageShare,
      },
    ),
    claim(
      "Mouret & Clune: the MAP-Elites reference archive fills more of the maze than fitness-only evolution reaches",
      elites.coverage > fitness.coverage,
      {
        map_elites_coverage: elites.coverage,
        fitness_coverage: fitness.coverage,
        map_elites_best_reward: elites.bestReward,
      },
    ),
  ];
}
