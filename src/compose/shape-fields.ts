// The `shape` node's fields: the one schema behind its type, its validation and docs/spec.md.
import { z } from "zod";
import { nodeRef } from "../core/index.js";
import { lengthPenaltySchema } from "./shape-length.js";
import { shapeMethods } from "./shape-methods.js";

export const shapeFields = z.object({
  reward: nodeRef.describe("The reward being shaped (e.g. a reward model)."),
  method: z
    .enum(shapeMethods)
    .describe(
      "par: (1/M) Σ σ(k(r − r_ref)); vanilla: r; ceil: min(r, ceiling); normalize: (r − μ)/σ, running per run unless `mean`/`std` are given (PAR's meanstd); clip: to [min, max], else to the running μ ± σ; minmax: (r − min)/(max − min) over all seen; sigmoid: σ(k·r); log_sigmoid: log σ(k·r); tanh / arctan / fitted_poly: of r, or averaged over r − r_ref with `relative`; centered: mean of r − r_ref; sgfc: PAR of r − shift; lsc: log σ(r − q) with q the `percentile` quantile of a normal fitted to all references; potential: r + Σ_t γ^t (γΦ(s_{t+1}) − Φ(s_t)) over the row's steps.",
    ),
  k: z
    .number()
    .positive()
    .optional()
    .describe("Sigmoid steepness (par, sigmoid, log_sigmoid, sgfc). Default 1."),
  max_references: z
    .number()
    .int()
    .min(1)
    .optional()
    .describe("Use the first M references (PAR's `reward_maxref`). Default 10; lsc always uses all."),
  reference_rewards: z
    .array(z.number())
    .min(1)
    .optional()
    .describe(
      "Fixed reference rewards, used for rows that carry neither `meta.reference_rewards` (numbers) nor `meta.reference_completions` (scored by `reward`). A row with none of the three fails with NOT_APPLICABLE; malformed lists with INPUT_INVALID.",
    ),
  relative: z
    .boolean()
    .optional()
    .describe(
      "tanh, arctan, fitted_poly: average the function of r − r_ref over references (PAR's baselines). Default false.",
    ),
  shift: z.number().optional().describe("sgfc: the shift subtracted from r. Default 3 (PAR's code)."),
  percentile: z.number().gt(0).lt(1).optional().describe("lsc: the reference quantile. Default 0.85."),
  mean: z.number().optional().describe("normalize: a fixed mean (with `std`) instead of running statistics."),
  std: z.number().positive().optional().describe("normalize: a fixed standard deviation (with `mean`)."),
  min: z.number().optional().describe("clip: a fixed lower bound (with or without `max`)."),
  max: z.number().optional().describe("clip: a fixed upper bound (with or without `min`)."),
  ceiling: z
    .number()
    .optional()
    .describe(
      "Any method: r := min(r, ceiling) before shaping (and again after normalize/clip, as PAR does). Required for ceil.",
    ),
  length_penalty: lengthPenaltySchema.optional(),
  gamma: z.number().gt(0).max(1).optional().describe("potential (required): the discount of the RL problem."),
  potential: nodeRef
    .optional()
    .describe(
      "potential: a node scoring Φ of each step (it sees the step's observation as the completion and `meta.step`, `meta.state`, `meta.action`). Without it Φ is read from `potential_field`.",
    ),
  learn_potential: z
    .strictObject({
      learning_rate: z.number().gt(0).max(1).default(0.1).describe("α of V(s) ← V(s) + α (target − V(s))."),
      target: z
        .enum(["monte_carlo", "td"])
        .default("monte_carlo")
        .describe(
          "monte_carlo: γ^(T−1−t)·r for step t of a T-step row; td: γ·Φ(s_{t+1}), r at the last step.",
        ),
      initial: z.number().default(0).describe("Φ of a state not seen before."),
      key_field: z
        .string()
        .min(1)
        .default("state")
        .describe(
          "The (dotted) field of each step naming its state (a string, number or object); the observation when absent.",
        ),
    })
    .optional()
    .describe(
      "potential: learn Φ per run from the rows seen so far instead of reading it: Φ(s) estimates the discounted reward r still to come from s (a tabular value estimate kept in the run's state). Each batch is shaped with the table as it was before the batch, then the table learns from it.",
    ),
  potential_field: z
    .string()
    .min(1)
    .optional()
    .describe(
      "potential: the (dotted) field of each step holding Φ, e.g. `state.value`. Default `potential`.",
    ),
});
