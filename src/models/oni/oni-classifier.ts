import { sigmoid } from "../../core/index.js";
import type { FeatureMatrix } from "../features/feature-matrix.js";
import { LinearHead } from "../heads/linear-head.js";
import { range, seededRandom, shuffleInPlace } from "../random.js";
import { LazyAdam } from "../train/lazy-adam.js";

/**
 * ONI-Classification (`online_cls_reward_model`): a binary classifier on message features trained
 * on the LLM-labelled messages (logistic loss, lr 1e-4 and batch 256 in the code; here Adam over
 * sparse features with our defaults), and the reward 1[p(helpful) > threshold] (0.5).
 */
export class MessageClassifier {
  constructor(
    readonly head: LinearHead,
    readonly threshold = 0.5,
  ) {}

  probability(matrix: FeatureMatrix, row: number): number {
    return sigmoid(this.head.score(matrix, row));
  }

  reward(matrix: FeatureMatrix, row: number): number {
    return this.probability(matrix, row) > this.threshold ? 1 : 0;
  }
}

export function trainMessageClassifier(options: {
  features: FeatureMatrix;
  /** 1 = helpful, 0 = not, per row. */
  labels: ArrayLike<number>;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  threshold?: number;
  seed?: number;
}): MessageClassifier {
  const { features, labels } = options;
  const head = new LinearHead(features.columns);
  const optimizer = new LazyAdam(head.parameters, { learningRate: options.learningRate ?? 0.05 });
  head.train(optimizer);
  const random = seededRandom(options.seed ?? 0);
  const order = range(features.rows);
  const batchSize = options.batchSize ?? 32;
  for (let epoch = 0; epoch < (options.epochs ?? 20); epoch++) {
    shuffleInPlace(order, random);
    for (let start = 0; start < features.rows; start += batchSize) {
      const end = Math.min(features.rows, start + batchSize);
      for (let position = start; position < end; position++) {
        const row = order[position] as number;
        const gradient = (sigmoid(head.forward(features, row)) - (labels[row] as number)) / (end - start);
        head.backward(features, row, 0, gradient);
      }
      optimizer.step();
    }
  }
  return new MessageClassifier(head, options.threshold ?? 0.5);
}
