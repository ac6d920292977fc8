import { z } from "zod";
import { compositeResult, defineNode, nodeRef, perBatch } from "../core/index.js";
import { codeBeta, implicitBatchBeta, paperBeta } from "./dynamic-beta.js";
import { seededRandom } from "./seeded-random.js";
import { refuseCache, refuseFields } from "./spec-checks.js";

export const dynamicBetaNode = defineNode({
  type: "dynamic_beta",
  summary:
    "A per-pair DPO β (loss weight) that grows with the reward model's confidence in the pair (MM-DPO's dynamic reward scaling).",
  paper:
    "MM-RLHF (#36: code β·(1 + w·ls_factor), clamped ≥ 1e-3; the trainer's batch-level implicit β; the paper's β(δ) = β·(1 + w·(1 − exp(−k·δ))), reconstructed)",
  fields: z.object({
    margin: nodeRef.describe(
      "Per row: the code's `ls_factor` (mode code), the reward margin δ = r(y_w) − r(y_l) (mode paper) or the implicit DPO margin (mode implicit_batch).",
    ),
    mode: z
      .enum(["code", "implicit_batch", "paper"])
      .default("code")
      .describe(
        "code: β(1 + w·m) per row; implicit_batch: one β for the batch from a Gaussian-weighted 80% subsample of the margins (what the code's dpo_loss runs by default); paper: β(1 + w(1 − e^(−k·δ))) (reconstructed). `code` stays the default although the methods doc prefers `paper`: `margin` is the code's ls_factor in `code` mode and the RM margin δ in `paper` mode, so a new default would silently change what existing specs compute, and the paper's constants (w 0.5, k 0.5) are an unconfirmed recollection — write `mode: paper` for the paper's form.",
      ),
    beta: z.number().positive().default(0.1).describe("β_ori (the training script: 0.1)."),
    weight: z
      .number()
      .optional()
      .describe("w: default 0.1 (code, implicit_batch: the script's ls_factor_weight) or 0.5 (paper)."),
    k: z.number().positive().optional().describe("paper: the margin's rate k. Default 0.5."),
    fraction: z
      .number()
      .gt(0)
      .max(1)
      .optional()
      .describe("implicit_batch: the share of margins drawn. Default 0.8."),
    seed: z
      .number()
      .int()
      .optional()
      .describe("implicit_batch: seed of the draw (combined with the step). Default 0."),
  }),
  example:
    "{ type: dynamic_beta, mode: code, beta: 0.1, weight: 0.1, margin: { type: module, path: ls-factor.mjs } }",
  async create(spec, tools) {
    if (spec.mode === "implicit_batch") refuseCache(spec, tools.path, "the whole batch");
    const reason = (mode: string) => ({ nodePath: tools.path, reason: `to mode ${mode}` });
    if (spec.mode !== "paper") refuseFields(spec, ["k"], reason(spec.mode));
    if (spec.mode !== "implicit_batch") refuseFields(spec, ["fraction", "seed"], reason(spec.mode));
    const beta = spec.beta;
    const weight = spec.weight ?? (spec.mode === "paper" ? 0.5 : 0.1);
    const margin = await tools.child(spec.margin, "margin");
    const names = [margin.name];
    return perBatch(async (batch, context) => {
      const margins = await margin.score(batch, context);
      if (spec.mode === "implicit_batch") {
        const random = seededRandom((spec.seed ?? 0) ^ Math.imul(context.step + 1, 0x9e3779b1));
        const shared = implicitBatchBeta(
          margins.filter((result) => !result.error).map((result) => result.score),
          { beta, weight, fraction: spec.fraction ?? 0.8, random },
        );
        return margins.map((result) => compositeResult(shared, [result], names));
      }
      const k = spec.k ?? 0.5;
      return margins.map((result) =>
        compositeResult(
          spec.mode === "paper"
            ? paperBeta(result.score, { beta, weight, k })
            : codeBeta(result.score, { beta, weight }),
          [result],
          names,
        ),
      );
    });
  },
});
