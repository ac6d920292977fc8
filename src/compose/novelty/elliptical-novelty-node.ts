import { z } from "zod";
import {
  defineNode,
  EllipticalEpisode,
  perBatch,
  RewardkitError,
  type RewardResult,
} from "../../core/index.js";
import { failedResult } from "../results.js";
import { stepValues } from "./step-field.js";

/**
 * `elliptical_novelty`: E3B's elliptical episodic bonus over any embedding of a trajectory's steps
 * (Henaff et al. 2022; methods doc §17.1): b_t = φ_tᵀ C_{t−1}⁻¹ φ_t with C₀ = λI and C_t = C_{t−1} +
 * φ_tφ_tᵀ, reset with every row. The first step enters the ellipse without a bonus (0), as e3b's code
 * sets it. The embedding comes with the row (a sentence embedding of a message, a state encoder's
 * output): the node does not learn one.
 */
export const ellipticalNoveltyNode = defineNode({
  type: "elliptical_novelty",
  summary:
    "E3B's elliptical episodic bonus over an embedding in each step: how far each step's embedding lies outside the ellipse of the row's earlier ones; step_rewards are the bonuses.",
  paper:
    "E3B: Exploration via Elliptical Episodic Bonuses (Henaff et al. 2022): b_t = φ_tᵀ C_{t−1}⁻¹ φ_t, C_0 = λI, C_t = C_{t−1} + φ_tφ_tᵀ",
  fields: z.object({
    embedding_field: z
      .string()
      .min(1)
      .default("info.embedding")
      .describe(
        "The (dotted) field of each step holding its embedding φ: a list of numbers, the same length in every step.",
      ),
    ridge: z.number().positive().default(0.1).describe("λ of C₀ = λI (e3b's default 0.1)."),
    aggregate: z
      .enum(["sum", "mean"])
      .default("sum")
      .describe("The row's score from its step bonuses: their sum or their mean."),
  }),
  example: "{ type: elliptical_novelty, embedding_field: info.embedding, ridge: 0.1 }",
  create(spec) {
    return Promise.resolve(
      perBatch((batch) =>
        batch.map((sample): RewardResult => {
          const values = stepValues(sample, spec.embedding_field, "elliptical_novelty");
          if (RewardkitError.isInstance(values)) return failedResult(values);
          const first = values[0];
          if (!Array.isArray(first) || first.length === 0)
            return failedResult(
              new RewardkitError(
                "INPUT_INVALID",
                `steps[0].${spec.embedding_field} must be a non-empty list of numbers`,
              ),
            );
          const episode = new EllipticalEpisode({ dimension: first.length, ridge: spec.ridge });
          const bonuses: number[] = [];
          for (let index = 0; index < values.length; index++) {
            const embedding = values[index];
            if (
              !Array.isArray(embedding) ||
              embedding.length !== first.length ||
              !embedding.every((value) => typeof value === "number" && Number.isFinite(value))
            )
              return failedResult(
                new RewardkitError(
                  "INPUT_INVALID",
                  `steps[${index}].${spec.embedding_field} must be ${first.length} finite numbers, like steps[0]`,
                ),
              );
            const bonus = episode.bonus(embedding as number[]);
            bonuses.push(index === 0 ? 0 : bonus);
          }
          const sum = bonuses.reduce((total, value) => total + value, 0);
          return { score: spec.aggregate === "sum" ? sum : sum / bonuses.length, stepRewards: bonuses };
        }),
      ),
    );
  },
});
