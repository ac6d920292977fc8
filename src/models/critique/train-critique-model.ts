import { type FeaturizerInput, TextFeaturizer } from "../features/featurizer.js";
import { type HeadChoice, trainBradleyTerry } from "../train/bradley-terry.js";
import {
  type CritiquedText,
  CritiqueTextModel,
  critiqueFeatures,
  defaultCritiqueFeatures,
} from "./critique-model.js";

export interface CritiquePair {
  chosen: CritiquedText;
  rejected: CritiquedText;
}

export interface TrainCritiqueModelOptions {
  pairs: readonly CritiquePair[];
  /** The response block's features (default: train-rm's, hashed n-grams and hand features). */
  features?: FeaturizerInput;
  /** The critique block's features (default: hashed n-grams, 2^14 columns, no hand features). */
  critiqueFeatures?: FeaturizerInput;
  head?: HeadChoice;
  epochs?: number;
  learningRate?: number;
  seed?: number;
}

/**
 * Trains a critique-conditioned score head with the Bradley–Terry loss, −log σ(r(chosen) −
 * r(rejected)), each response featurized together with its critique (MM-RLHF's critique RM, the score
 * head's half; the critic is whatever wrote the critiques).
 */
export function trainCritiqueModel(options: TrainCritiqueModelOptions): CritiqueTextModel {
  const response = new TextFeaturizer(options.features ?? {});
  const critique = new TextFeaturizer(options.critiqueFeatures ?? defaultCritiqueFeatures);
  const items = options.pairs.flatMap((pair) => [pair.chosen, pair.rejected]);
  const trained = trainBradleyTerry({
    features: critiqueFeatures(response, critique, items),
    pairs: options.pairs.map((_, index) => ({ chosen: 2 * index, rejected: 2 * index + 1 })),
    head: options.head ?? "linear",
    epochs: options.epochs ?? 10,
    learningRate: options.learningRate ?? 0.03,
    seed: options.seed ?? 0,
  });
  return new CritiqueTextModel(response, critique, trained.head, {
    created: new Date().toISOString(),
    pairs: options.pairs.length,
  });
}
