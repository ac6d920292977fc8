import type { IntrinsicBonus } from "../wrappers/intrinsic-bonus.js";
import type { RandomNetworkDistillation } from "./rnd.js";

/** A global bonus from random network distillation (§17.1's RND), trained on every `batchSize` states seen. */
export function rndBonus<Observation, Action = number>(options: {
  model: RandomNetworkDistillation;
  features: (observation: Observation) => Float64Array;
  batchSize?: number;
  name?: string;
}): IntrinsicBonus<Observation, Action> {
  const size = options.model.predictor.inputSize;
  const batchSize = options.batchSize ?? 64;
  const buffer = new Float64Array(batchSize * size);
  let filled = 0;
  return {
    name: options.name ?? "rnd",
    startEpisode() {},
    bonus({ next }) {
      const features = options.features(next);
      const value = options.model.novelty(features)[0] as number;
      buffer.set(features, filled * size);
      filled++;
      if (filled === batchSize) {
        options.model.train(buffer, batchSize);
        filled = 0;
      }
      return value;
    },
  };
}
