import { z } from "zod";
import {
  defineNode,
  firstVisit,
  inverseSqrtCount,
  perBatch,
  RewardkitError,
  type RewardResult,
} from "../../core/index.js";
import { failedResult } from "../results.js";
import { hashKey, stepValues } from "./step-field.js";

/** Global visit counts of one node in one run (hashed key → visits), kept in the Context's state store. */
type GlobalCounts = Record<string, number>;

/**
 * `count_novelty`: count-based exploration bonuses over a trajectory's steps (Henaff et al. 2023,
 * e3b's count.py; methods doc §17.1). Each step's `key_field` (an observation, a message, a state) is
 * hashed; `episodic` counts restart with every row (one episode), `global` counts live in the run's
 * state and grow over every batch the run scores (also through the server, per `run`), and `product`
 * multiplies the two (`bonus_combine: mult`). `step_rewards` are the bonuses; the score is their sum.
 */
export const countNoveltyNode = defineNode({
  type: "count_novelty",
  summary:
    "Count-based novelty bonuses over a trajectory's steps: episodic (per row), global (per run, in the state store) or their product; step_rewards are the bonuses.",
  paper:
    "A Study of Global and Episodic Bonuses for Exploration in Contextual MDPs (Henaff et al. 2023): b_ep = 1[N_ep = 1] or 1/√N_ep, b_glob = 1/√N_glob, r_int = b_ep · b_glob",
  fields: z.object({
    key_field: z
      .string()
      .min(1)
      .default("observation")
      .describe(
        "The (dotted) field of each step that says which state it is in: `observation`, `state`, `info.message`... Any JSON value; it is hashed.",
      ),
    scope: z
      .enum(["episodic", "global", "product"])
      .default("episodic")
      .describe(
        "episodic: counts restart with each row; global: counts over the whole run (per-run state); product: episodic × global.",
      ),
    episodic_form: z
      .enum(["first_visit", "inverse_sqrt"])
      .default("first_visit")
      .describe("The episodic bonus: first_visit 1[N_ep = 1] (count.py) or 1/√N_ep."),
    aggregate: z
      .enum(["sum", "mean"])
      .default("sum")
      .describe("The row's score from its step bonuses: their sum or their mean."),
  }),
  example: "{ type: count_novelty, key_field: observation, scope: product }",
  create(spec, tools) {
    const episodicBonus = spec.episodic_form === "first_visit" ? firstVisit : inverseSqrtCount;
    const stateKey = `${tools.stateKey}:global_counts`;
    return Promise.resolve(
      perBatch(async (batch, context) => {
        const keys = batch.map((sample) => {
          const values = stepValues(sample, spec.key_field, "count_novelty");
          return RewardkitError.isInstance(values) ? values : values.map(hashKey);
        });
        const globalBonuses: (number[] | undefined)[] = batch.map(() => undefined);
        let distinct = 0;
        if (spec.scope !== "episodic") {
          // One atomic read-modify-write per batch, rows in batch order (deterministic for a batch).
          await context.state.update<GlobalCounts>(stateKey, (previous) => {
            const counts: GlobalCounts = { ...(previous ?? {}) };
            keys.forEach((rowKeys, row) => {
              if (RewardkitError.isInstance(rowKeys)) return;
              globalBonuses[row] = rowKeys.map((key) => {
                const count = (counts[key] ?? 0) + 1;
                counts[key] = count;
                return inverseSqrtCount(count);
              });
            });
            distinct = Object.keys(counts).length;
            return counts;
          });
        }
        return batch.map((_, row): RewardResult => {
          const rowKeys = keys[row] as string[] | RewardkitError;
          if (RewardkitError.isInstance(rowKeys)) return failedResult(rowKeys);
          const seen = new Map<string, number>();
          const bonuses = rowKeys.map((key, step) => {
            const count = (seen.get(key) ?? 0) + 1;
            seen.set(key, count);
            const episodic = episodicBonus(count);
            const global = globalBonuses[row]?.[step] as number;
            return spec.scope === "episodic"
              ? episodic
              : spec.scope === "global"
                ? global
                : episodic * global;
          });
          const sum = bonuses.reduce((total, value) => total + value, 0);
          const components: Record<string, number> = { [`${tools.name}.distinct_in_row`]: seen.size };
          if (spec.scope !== "episodic") components[`${tools.name}.distinct_in_run`] = distinct;
          return {
            score: spec.aggregate === "sum" ? sum : sum / bonuses.length,
            stepRewards: bonuses,
            components,
          };
        });
      }),
    );
  },
});
