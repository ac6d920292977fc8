import { z } from "zod";
import { compileDomainFeatures } from "./domain-features.js";
import { type FeatureMatrix, FeatureMatrixBuilder } from "./feature-matrix.js";
import { HandFeatures, handFeatureNames } from "./hand-features.js";
import { HashedNgrams } from "./hashed-ngrams.js";

/** How text becomes features. Saved in the model file, so scoring featurizes exactly as training did. */
export const featurizerConfigSchema = z.object({
  hashed: z
    .object({
      bits: z.number().int().min(4).max(24).default(18).describe("log2 of the hashed dimensions."),
      ngrams: z
        .tuple([z.number().int().min(1), z.number().int().min(1)])
        .default([1, 2])
        .describe("Smallest and largest word n-gram."),
      sublinear: z.boolean().default(true).describe("Use sign(c)·log(1+|c|) of counts."),
      normalize: z.boolean().default(true).describe("Unit L2 norm of the hashed block."),
    })
    .nullable()
    .default({ bits: 18, ngrams: [1, 2], sublinear: true, normalize: true })
    .describe("Hashed word n-grams of the response (null: none)."),
  hand: z.boolean().default(true).describe("Append the hand features (length, format markers, refusals)."),
  domain: z
    .array(
      z.object({
        name: z.string().min(1),
        pattern: z.string().min(1).optional().describe("A regular expression (kinds count and present)."),
        flags: z.string().optional().describe("RegExp flags (default `i`)."),
        kind: z
          .enum(["count", "present", "source_coverage", "unsupported"])
          .default("count")
          .describe(
            "count: log(1 + matches); present: 1 or 0; source_coverage: share of the prompt's salient content words the response mentions; unsupported: share of the response's content words the prompt never uses (reconstructed grounding features, #37).",
          ),
        field: z.enum(["response", "prompt"]).default("response"),
        min_count: z
          .number()
          .int()
          .min(1)
          .optional()
          .describe("source_coverage: uses of a word in the prompt that make it salient (default 2)."),
      }),
    )
    .default([])
    .describe(
      "Domain-knowledge features (#37): named patterns a designer knows matter, and grounding in the prompt (source_coverage, unsupported).",
    ),
});
export type FeaturizerConfig = z.infer<typeof featurizerConfigSchema>;
export type FeaturizerInput = z.input<typeof featurizerConfigSchema>;

/** One text to featurize: the response and the prompt it answers. */
export interface TextPair {
  prompt: string;
  response: string;
}

/**
 * Turns (prompt, response) texts into feature rows: [hashed n-grams | hand features | domain
 * features]. Synchronous and allocation-light: about a microsecond per short response.
 */
export class TextFeaturizer {
  readonly config: FeaturizerConfig;
  readonly columns: number;
  readonly handOffset: number;
  readonly domainOffset: number;
  private readonly hashed: HashedNgrams | undefined;
  private readonly domain: Array<(prompt: string, response: string) => number>;
  private readonly scratch: Float32Array;
  private readonly hand = new HandFeatures();

  constructor(config: FeaturizerInput = {}) {
    this.config = featurizerConfigSchema.parse(config);
    this.hashed = this.config.hashed ? new HashedNgrams(this.config.hashed) : undefined;
    this.handOffset = this.hashed?.columns ?? 0;
    this.domainOffset = this.handOffset + (this.config.hand ? handFeatureNames.length : 0);
    this.domain = compileDomainFeatures(this.config.domain);
    this.columns = this.domainOffset + this.domain.length;
    this.scratch = new Float32Array(handFeatureNames.length);
  }

  /** Names of the non-hashed columns by index (hand and domain features), for reports. */
  namedColumns(): Array<{ index: number; name: string }> {
    const named: Array<{ index: number; name: string }> = [];
    if (this.config.hand) {
      for (const [at, name] of handFeatureNames.entries()) named.push({ index: this.handOffset + at, name });
    }
    for (const [at, feature] of this.config.domain.entries()) {
      named.push({ index: this.domainOffset + at, name: `domain:${feature.name}` });
    }
    return named;
  }

  featurize(items: readonly TextPair[]): FeatureMatrix {
    const builder = new FeatureMatrixBuilder(this.columns, Math.max(1024, items.length * 128));
    const extraIndices = new Int32Array(this.columns - this.handOffset);
    const extraValues = new Float32Array(this.columns - this.handOffset);
    for (const item of items) {
      const hashedCount = this.hashed ? this.hashed.hash(item.response) : 0;
      let extra = 0;
      if (this.config.hand) {
        this.hand.compute(item.prompt, item.response, this.scratch);
        for (let at = 0; at < handFeatureNames.length; at++) {
          const value = this.scratch[at] as number;
          if (value === 0) continue;
          extraIndices[extra] = this.handOffset + at;
          extraValues[extra++] = value;
        }
      }
      for (let at = 0; at < this.domain.length; at++) {
        const value = (this.domain[at] as (prompt: string, response: string) => number)(
          item.prompt,
          item.response,
        );
        if (value === 0) continue;
        extraIndices[extra] = this.domainOffset + at;
        extraValues[extra++] = value;
      }
      builder.startRow();
      if (this.hashed) builder.append(this.hashed.outIndices, this.hashed.outValues, hashedCount);
      builder.append(extraIndices, extraValues, extra);
      builder.endRow();
    }
    return builder.build();
  }
}
