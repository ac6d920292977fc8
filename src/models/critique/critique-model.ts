import { RewardkitError } from "../../core/index.js";
import { type HeadShape, headFromShape, headShape } from "../bt-model.js";
import { concatColumns, type FeatureMatrix } from "../features/feature-matrix.js";
import { type FeaturizerConfig, type FeaturizerInput, TextFeaturizer } from "../features/featurizer.js";
import type { RewardHead } from "../heads/head.js";
import type { ModelFileContents } from "../model-file.js";

/** A response with the critique written for it (by a critic model) — what a critique RM scores. */
export interface CritiquedText {
  prompt: string;
  response: string;
  critique: string;
}

/** The critique block's features by default: hashed word n-grams only (no length or format cues). */
export const defaultCritiqueFeatures: FeaturizerInput = {
  hashed: { bits: 14, ngrams: [1, 2] },
  hand: false,
};

/**
 * MM-RLHF's critique-based reward model (#36) at this library's scale: the score head reads the
 * response AND the critique a critic wrote for it, r = head([φ(prompt, response) | ψ(critique)]).
 * The paper's RM is one multimodal LLM that writes the critique and scores from its hidden states;
 * here the critique comes from any critic (an OpenAI-compatible model, or a field of the row) and the
 * head is linear or an MLP over hashed features, trained with the Bradley–Terry loss on pairs.
 */
export class CritiqueTextModel {
  readonly kind = "critique";

  constructor(
    readonly responseFeaturizer: TextFeaturizer,
    readonly critiqueFeaturizer: TextFeaturizer,
    readonly head: RewardHead,
    readonly training: Record<string, unknown> = { created: new Date().toISOString() },
  ) {}

  get columns(): number {
    return this.responseFeaturizer.columns + this.critiqueFeaturizer.columns;
  }

  featurize(items: readonly CritiquedText[]): FeatureMatrix {
    return critiqueFeatures(this.responseFeaturizer, this.critiqueFeaturizer, items);
  }

  score(items: readonly CritiquedText[]): Float64Array {
    const matrix = this.featurize(items);
    return Float64Array.from(items, (_, row) => this.head.score(matrix, row));
  }

  toFile(): ModelFileContents {
    return {
      header: {
        format: "rewardkit-reward-model",
        kind: this.kind,
        features: this.responseFeaturizer.config satisfies FeaturizerConfig,
        critique_features: this.critiqueFeaturizer.config satisfies FeaturizerConfig,
        columns: this.columns,
        heads: [headShape(this.head)],
        training: this.training,
      },
      tensors: { head0: this.head.parameters },
    };
  }

  static fromFile(contents: ModelFileContents, label = "model"): CritiqueTextModel {
    const header = contents.header as {
      kind?: unknown;
      features?: FeaturizerInput;
      critique_features?: FeaturizerInput;
      heads?: HeadShape[];
      columns?: number;
      training?: Record<string, unknown>;
    };
    if (header.kind !== "critique" || !header.critique_features || !header.heads?.[0]) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${label} is not a critique reward model (kind ${JSON.stringify(header.kind)}); train one with trainCritiqueModel`,
        { path: label },
      );
    }
    const response = new TextFeaturizer(header.features ?? {});
    const critique = new TextFeaturizer(header.critique_features);
    const columns = response.columns + critique.columns;
    const parameters = contents.tensors.head0;
    if (columns !== header.columns || !parameters) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${label}: its features give ${columns} columns, not ${header.columns}`,
        {
          path: label,
        },
      );
    }
    return new CritiqueTextModel(
      response,
      critique,
      headFromShape(header.heads[0], columns, parameters),
      header.training,
    );
  }
}

/** [response features | critique features] for each item: the critique gets feature columns of its own. */
export function critiqueFeatures(
  response: TextFeaturizer,
  critique: TextFeaturizer,
  items: readonly CritiquedText[],
): FeatureMatrix {
  return concatColumns([
    response.featurize(items),
    critique.featurize(items.map((item) => ({ prompt: item.prompt, response: item.critique }))),
  ]);
}
