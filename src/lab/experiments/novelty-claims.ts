import { type Claim, claim } from "../results.js";
import type { SessionOutcome } from "../worlds/recommender-training.js";
import type { NoveltyOptions } from "./novelty-recommendation.js";

export interface NoveltyRun {
  learner: string;
  evaluations: SessionOutcome[];
}

/** The short-term cost counts as "small" when early clicks fall by at most this share. */
export const smallCostShare = 0.1;

/** The mean of `key` over a run's last two evaluations (one evaluation is noisy). */
function late(runs: readonly NoveltyRun[], learner: string, key: keyof SessionOutcome): number {
  const run = runs.find((candidate) => candidate.learner === learner);
  if (!run) throw new RangeError(`no ${learner} run`);
  const last = run.evaluations.slice(-2);
  return last.reduce((sum, outcome) => sum + outcome[key], 0) / last.length;
}

export function noveltyClaims(input: { runs: readonly NoveltyRun[]; settings: NoveltyOptions }): Claim[] {
  const { runs } = input;
  const clicks = late(runs, "flat/click", "clicks");
  const noveltyClicks = late(runs, "flat/novelty", "clicks");
  const coverage = late(runs, "flat/click", "coverage");
  const noveltyCoverage = late(runs, "flat/novelty", "coverage");
  const early = late(runs, "flat/click", "earlyClicks");
  const noveltyEarly = late(runs, "flat/novelty", "earlyClicks");
  const hierarchical = late(runs, "hierarchical/novelty", "clicks");
  return [
    claim(
      "Novelty-seeking recommendation: novelty and diversity terms in the reward raise long-run engagement (clicks per held-out session, flat policy, last two evaluations)",
      noveltyClicks > clicks,
      {
        clicks_click_reward: clicks,
        clicks_novelty_reward: noveltyClicks,
        session_length_click_reward: late(runs, "flat/click", "length"),
        session_length_novelty_reward: late(runs, "flat/novelty", "length"),
      },
    ),
    claim(
      "Novelty-seeking recommendation: ... and catalogue coverage (distinct items shown per session)",
      noveltyCoverage > coverage,
      { coverage_click_reward: coverage, coverage_novelty_reward: noveltyCoverage },
    ),
    claim(
      `Novelty-seeking recommendation: ... at a small short-term cost (clicks in the first ${input.settings.early_steps} steps fall by at most ${smallCostShare * 100}%)`,
      noveltyEarly >= (1 - smallCostShare) * early,
      {
        early_clicks_click_reward: early,
        early_clicks_novelty_reward: noveltyEarly,
        allowed_share: smallCostShare,
      },
    ),
    claim(
      "Novelty-seeking recommendation: the hierarchical (intent, item) policy earns more clicks per session than the flat one, both with the novelty reward",
      hierarchical > noveltyClicks,
      {
        clicks_hierarchical: hierarchical,
        clicks_flat: noveltyClicks,
        intent_1_share: late(runs, "hierarchical/novelty", "intentShare"),
      },
    ),
  ];
}
