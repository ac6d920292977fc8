import { z } from "zod";

export const flagStatuses = ["fired", "quiet", "not_applicable", "insufficient_data"] as const;
export type FlagStatus = (typeof flagStatuses)[number];

export const trendTestSchema = z
  .object({
    direction: z.enum(["rising", "falling"]),
    n: z.number().int(),
    tau: z.number().describe("Kendall's τ of the series against time."),
    z: z.number(),
    p: z.number().describe("One-sided Mann–Kendall p-value in `direction`."),
    early_mean: z.number(),
    late_mean: z.number(),
    change: z.number().describe("late_mean − early_mean."),
    noise: z.number().describe("Standard error of the change."),
    holds: z.boolean().describe("p < alpha, |change| ≥ the flag's minimum, and |change| > noise_z × noise."),
  })
  .describe("One trend decision (statistics/trend-change.ts).");

export const stepExampleSchema = z.object({
  key: z.number(),
  step: z.number(),
  prompt: z.string(),
  completion: z.string(),
  reward: z.number(),
  gold: z.number().optional(),
  signals: z.array(z.string()),
});

export const flagEvidenceSchema = z
  .object({
    steps: z.array(z.number()).describe("The x axis: the (last) step of each point."),
    series: z
      .record(z.string(), z.array(z.number().nullable()))
      .describe("Named per-step series aligned with `steps` (null: undefined at that step)."),
    tests: z.record(z.string(), trendTestSchema).describe("The trend decisions the verdict rests on."),
    thresholds: z.record(z.string(), z.number()).describe("The thresholds applied."),
    examples: z
      .array(stepExampleSchema)
      .optional()
      .describe("Samples that show the pattern (late steps first)."),
    details: z
      .record(z.string(), z.unknown())
      .optional()
      .describe("Flag-specific figures (fits, spikes, weights)."),
  })
  .describe("What a flag's verdict rests on, ready to plot.");

export const hackingFlagSchema = z
  .object({
    name: z.string(),
    fired: z.boolean(),
    status: z.enum(flagStatuses),
    summary: z.string().describe("One sentence a person can act on."),
    first_step: z
      .number()
      .nullable()
      .describe("The first step at which the flag would have fired (null: never)."),
    evidence: flagEvidenceSchema,
  })
  .describe("One reward-hacking flag.");

export type HackingFlag = z.infer<typeof hackingFlagSchema>;
export type FlagEvidence = z.infer<typeof flagEvidenceSchema>;

/** What a detector decides, before the name and first firing step are added. */
export interface FlagVerdict {
  status: FlagStatus;
  summary: string;
  evidence: FlagEvidence;
  /** Set by detectors that run online themselves (gold_divergence); others are searched by prefix. */
  firstStep?: number | null;
}

export const hackingReportSchema = z
  .object({
    flags: z.array(hackingFlagSchema),
    fired: z.array(z.string()).describe("Names of the flags that fired."),
    rows: z.number().int().describe("Samples seen."),
    steps: z.number().int().describe("Distinct training steps seen."),
    first_step: z.number().nullable(),
    last_step: z.number().nullable(),
    bin_size: z.number().int().describe("Steps per point (1 unless the run had more steps than max_points)."),
    thresholds: z
      .record(z.string(), z.union([z.number(), z.string()]))
      .describe("The thresholds used (defaults filled in)."),
    roles: z.record(z.string(), z.unknown()),
  })
  .describe("The reward-hacking report (`rewardkit diagnose --json`, `GET /v1/diagnostics`).");

export type HackingReport = z.infer<typeof hackingReportSchema>;
