import { type FeaturizerInput, TextFeaturizer } from "../features/featurizer.js";
import { trainMessageClassifier } from "../oni/oni-classifier.js";

/** A sampled judgment (principles + critique + scores, as text) and whether its scores were right. */
export interface LabelledJudgment {
  /** The judged prompt (its words are features too: some judgments are reliable on some tasks). */
  prompt: string;
  /** The judgment as the generative RM wrote it. */
  text: string;
  /** Did its scores pick the ground truth (DeepSeek-GRM's training rule, `grmTrainingReward` > 0)? */
  correct: boolean;
}

/** A trained meta RM: the probability that a judgment's scores are right. */
export interface JudgmentMetaModel {
  score(judgments: readonly { prompt: string; text: string }[]): number[];
}

/**
 * DeepSeek-GRM's meta RM (Liu et al. 2025, SPCT; rm-rl.md §7.1): a pointwise scalar RM trained with
 * binary cross-entropy to predict whether a sampled principle + critique yields correct scores; at
 * inference it rates each of the k sampled judgments and only the top k_meta vote (`grmVote` with
 * `metaRewards` in the judges room). Here a logistic model over hashed words of the judgment (and
 * hand features) — the paper's is an LLM; the objective and its use are the paper's.
 */
export function trainJudgmentMetaModel(input: {
  judgments: readonly LabelledJudgment[];
  featurizer?: FeaturizerInput;
  epochs?: number;
  seed?: number;
}): JudgmentMetaModel {
  const featurizer = new TextFeaturizer(input.featurizer ?? { hashed: { bits: 14, ngrams: [1, 2] } });
  const features = featurizer.featurize(
    input.judgments.map((judgment) => ({ prompt: judgment.prompt, response: judgment.text })),
  );
  const classifier = trainMessageClassifier({
    features,
    labels: input.judgments.map((judgment) => (judgment.correct ? 1 : 0)),
    epochs: input.epochs ?? 20,
    seed: input.seed ?? 0,
  });
  return {
    score(judgments) {
      const matrix = featurizer.featurize(
        judgments.map((judgment) => ({ prompt: judgment.prompt, response: judgment.text })),
      );
      return judgments.map((_, row) => classifier.probability(matrix, row));
    },
  };
}
