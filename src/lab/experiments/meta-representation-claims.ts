import { type Claim, claim } from "../results.js";
import { adaptationEpisodes, mean, type SizeEvaluation } from "../worlds/meta-evaluation.js";

/** What the claims compare (options of the experiment). */
export interface MetaClaimSettings {
  /** Episodes the latent policy may play on an unseen size before it must be near its best. */
  adaptation: number;
  /** "Near": within this mean payoff per round. */
  tolerance: number;
  /** "Earns more": by at least this mean payoff per round. */
  margin: number;
}

/**
 * The meta-representation experiment's claims (Meta Representations for MARL, reconstructed), from
 * the evaluations at the training sizes and at the unseen sizes.
 */
export function metaRepresentationClaims(input: {
  training: readonly SizeEvaluation[];
  unseen: readonly SizeEvaluation[];
  settings: MetaClaimSettings;
}): Claim[] {
  const { adaptation, tolerance, margin } = input.settings;
  const overall = (evaluations: readonly SizeEvaluation[], key: "inferred" | "oracle" | "single", from = 0) =>
    mean(evaluations.map((evaluation) => mean(evaluation[key].slice(from))));
  const trainedLatent = overall(input.training, "inferred");
  const trainedSingle = overall(input.training, "single");
  const needed = input.unseen.map((evaluation) => adaptationEpisodes(evaluation, tolerance));
  const adaptedLatent = overall(input.unseen, "inferred", adaptation);
  const adaptedOracle = overall(input.unseen, "oracle", adaptation);
  const unseenSingle = overall(input.unseen, "single", adaptation);
  const best = mean(input.unseen.map((evaluation) => evaluation.best));
  return [
    claim(
      `Meta Representations for MARL: on the training sizes' mixed strategy set, the latent-conditioned policy (latent inferred from its episodes, the first included) earns ≥ ${margin} more per round than a single policy`,
      trainedLatent - trainedSingle >= margin,
      { latent_conditioned: trainedLatent, single_policy: trainedSingle, required_margin: margin },
    ),
    claim(
      `Meta Representations for MARL: on every unseen population size, the latent-conditioned policy adapts (infers its latent, no retraining) within ${adaptation} episodes to within ${tolerance} of its best (the true latent)`,
      needed.every((episodes) => episodes <= adaptation),
      {
        ...Object.fromEntries(
          input.unseen.map((evaluation, index) => [
            `episodes_needed_size_${evaluation.size}`,
            needed[index] as number,
          ]),
        ),
        allowed_episodes: adaptation,
        adapted_return: adaptedLatent,
        true_latent_return: adaptedOracle,
        tolerance,
      },
    ),
    claim(
      `Meta Representations for MARL: after ${adaptation} episodes on the unseen sizes, the latent-conditioned policy earns ≥ ${margin} more per round than the single policy`,
      adaptedLatent - unseenSingle >= margin,
      { adapted_latent: adaptedLatent, single_policy: unseenSingle, required_margin: margin },
    ),
    claim(
      `After ${adaptation} episodes on the unseen sizes, the latent-conditioned policy is within ${2 * tolerance} of the exact best response`,
      adaptedLatent >= best - 2 * tolerance,
      { adapted_latent: adaptedLatent, best_response: best, tolerance: 2 * tolerance },
    ),
  ];
}
