import { EllipticalEpisode } from "../../core/index.js";
import type { IntrinsicBonus } from "../wrappers/intrinsic-bonus.js";
import type { InverseDynamicsEncoder } from "./inverse-dynamics.js";
import { transitionBatch } from "./transition-batch.js";

/**
 * E3B's elliptical episodic bonus on an embedding of the observation (§17.1): any fixed embedding,
 * or an `InverseDynamicsEncoder` trained as the agent goes (pass it as `encoder` with the feature
 * reader, and it trains on every `batchSize` transitions). The start of an episode enters the
 * ellipse without a bonus, as the code sets the first step's bonus to 0.
 */
export function ellipticalBonus<Observation>(options: {
  embed?: (observation: Observation) => ArrayLike<number>;
  encoder?: {
    model: InverseDynamicsEncoder;
    features: (observation: Observation) => Float64Array;
    batchSize?: number;
  };
  dimension?: number;
  ridge?: number;
  name?: string;
}): IntrinsicBonus<Observation, number> {
  const { encoder } = options;
  const embed =
    options.embed ??
    (encoder ? (observation: Observation) => encoder.model.embed(encoder.features(observation)) : undefined);
  const dimension = options.dimension ?? encoder?.model.dimension;
  if (!embed || dimension === undefined)
    throw new RangeError("ellipticalBonus: give `embed` and `dimension`, or an `encoder`");
  const episode = new EllipticalEpisode({ dimension, ridge: options.ridge ?? 0.1 });
  const batch = encoder ? transitionBatch(encoder.batchSize ?? 64) : undefined;
  return {
    name: options.name ?? "e3b",
    startEpisode(observation) {
      episode.reset();
      episode.bonus(embed(observation));
    },
    bonus({ observation, action, next }) {
      if (encoder && batch) {
        batch.add(encoder.features(observation), encoder.features(next), action);
        if (batch.full) encoder.model.train(batch.take());
      }
      return episode.bonus(embed(next));
    },
  };
}
