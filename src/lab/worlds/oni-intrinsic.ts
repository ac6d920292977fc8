import { OniRetrieval, TextFeaturizer, trainMessageClassifier } from "../../models/index.js";

/** An ONI intrinsic reward model in the loop: rewards captions, queues the unlabelled, learns from labels. */
export interface OniIntrinsic {
  reward(caption: string): number;
  /** Captions seen but never labelled (each is handed out once). */
  takeQueue(): string[];
  learn(captions: readonly string[], answers: readonly string[]): void;
}

/** ONI-Retrieval: the label of each caption, looked up (models/oni OniRetrieval). */
export function retrievalIntrinsic(): OniIntrinsic {
  const retrieval = new OniRetrieval();
  return {
    reward: (caption) => retrieval.reward(caption),
    takeQueue: () => retrieval.takeQueue(),
    learn(captions, answers) {
      captions.forEach((caption, index) => {
        retrieval.annotate(caption, answers[index] ?? "");
      });
    },
  };
}

/**
 * ONI-Classification: a classifier on the captions' hashed words, retrained on every label so far
 * after each batch, rewards 1[p(helpful) > 0.5] — also for captions not yet labelled.
 */
export function classificationIntrinsic(seed: number): OniIntrinsic {
  const featurizer = new TextFeaturizer({ hashed: { bits: 10 }, hand: false });
  const labels = new Map<string, number>();
  const asked = new Set<string>();
  let queue: string[] = [];
  let rewards = new Map<string, number>();
  let classifier: ReturnType<typeof trainMessageClassifier> | undefined;
  const score = (caption: string) => {
    if (!classifier) return 0;
    const matrix = featurizer.featurize([{ prompt: "", response: caption }]);
    return classifier.reward(matrix, 0);
  };
  return {
    reward(caption) {
      if (!asked.has(caption)) {
        asked.add(caption);
        queue.push(caption);
      }
      let value = rewards.get(caption);
      if (value === undefined) {
        value = score(caption);
        rewards.set(caption, value);
      }
      return value;
    },
    takeQueue() {
      const out = queue;
      queue = [];
      return out;
    },
    learn(captions, answers) {
      captions.forEach((caption, index) => {
        labels.set(caption, answers[index]?.includes("FOO") ? 1 : 0);
      });
      const texts = [...labels.keys()];
      classifier = trainMessageClassifier({
        features: featurizer.featurize(texts.map((text) => ({ prompt: "", response: text }))),
        labels: texts.map((text) => labels.get(text) as number),
        epochs: 50,
        seed,
      });
      rewards = new Map();
    },
  };
}
