import { z } from "zod";
import { nodeRef } from "../../core/index.js";
import { hackingRolesSchema, hackingThresholdsSchema } from "./options.js";

/**
 * The spec's `diagnostics` section: what `rewardkit serve` records per run for
 * `GET /v1/diagnostics?run=`, and the held-out gold probe it scores a sample of traffic with.
 * @example
 * ```yaml
 * diagnostics:
 *   gold: { type: math, name: gold }     # a held-out verifier (or judge) the policy never trains on
 *   rate: 0.05                          # scores 5% of samples with it, off the request path
 *   roles: { judge: style, verifier: correct }
 *   thresholds: { alpha: 0.001 }
 * ```
 */
export const diagnosticsSectionSchema = z
  .strictObject({
    enabled: z
      .boolean()
      .default(true)
      .describe(
        "Record per-step aggregates of the traffic for the reward-hacking flags (a spec without the section records nothing; false keeps the section but turns recording off).",
      ),
    gold: nodeRef
      .optional()
      .describe(
        "A held-out reward node (a verifier or judge the training reward does not include), scored on a sample of traffic; its scores never reach the replies.",
      ),
    rate: z
      .number()
      .gt(0)
      .max(1)
      .default(0.05)
      .describe(
        "Fraction of samples the gold probe scores (chosen by a hash of the sample, so reproducible).",
      ),
    sample_rate: z
      .number()
      .gt(0)
      .max(1)
      .default(1)
      .describe(
        "Fraction of scored batches folded into the aggregates (whole batches, so groups stay whole). Recording costs a few µs a sample; lower it on very cheap specs at very high throughput.",
      ),
    text_rate: z
      .number()
      .min(0)
      .max(1)
      .default(0.2)
      .describe("Fraction of samples the text checks (repetition, hedging, copying, master keys) read."),
    examples: z.number().int().min(0).max(20).default(2).describe("Example samples kept per step and kind."),
    step_bucket: z
      .number()
      .int()
      .min(1)
      .default(1)
      .describe(
        "Steps folded into one aggregate (memory per run is about 2–6 KB per aggregate; 10 keeps a 100k-step run near 50 MB).",
      ),
    roles: hackingRolesSchema.optional(),
    thresholds: hackingThresholdsSchema
      .partial()
      .optional()
      .describe("Threshold overrides of the flags (docs/diagnose-hacking.md lists each with its default)."),
  })
  .describe("Reward-hacking diagnostics over training steps (docs/diagnose-hacking.md).");

export type DiagnosticsSection = z.output<typeof diagnosticsSectionSchema>;
