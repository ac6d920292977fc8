import { gaussianFrom, sigmoid } from "../../core/index.js";
import { streamOf } from "../seeds.js";

/** The items on offer: item i belongs to topic i mod K and has a quality. */
export interface Catalogue {
  readonly items: number;
  readonly topics: number;
  readonly quality: Float64Array;
}

/** A user: how much they like each topic, how fast they tire, how patient they are. */
export interface UserProfile {
  readonly id: number;
  /** Taste per topic (N(0, 1) draws): the part of the click logit a topic earns. */
  readonly affinity: Float64Array;
  /** β: how much one unit of familiarity with a topic lowers its click logit. */
  readonly boredom: number;
  /** The engagement budget the session starts with. */
  readonly patience: number;
  /** What the recommender may see of the taste: affinity plus N(0, profileNoise²). */
  readonly profile: Float64Array;
}

export interface UserModel {
  /** λ: familiarity decays by this factor every step. */
  familiarityDecay: number;
  /** Added to the logit of an item the user has never been shown. */
  noveltyBonus: number;
  /** Subtracted from the logit of an item shown before. */
  repeatPenalty: number;
  /** Budget a click gives back (each step costs 1). */
  clickRefund: number;
  bias: number;
}

export function drawCatalogue(options: { items: number; topics: number; seed: number }): Catalogue {
  const random = streamOf(options.seed, 0);
  return {
    items: options.items,
    topics: options.topics,
    quality: Float64Array.from({ length: options.items }, () => random() - 0.5),
  };
}

export function drawUser(options: {
  topics: number;
  seed: number;
  profileNoise: number;
  patience: number;
  /** β is drawn uniformly from this range. */
  boredom: readonly [number, number];
}): UserProfile {
  const random = streamOf(options.seed, 2);
  const gaussian = gaussianFrom(random);
  const affinity = Float64Array.from({ length: options.topics }, () => gaussian());
  const profile = affinity.map((value) => value + options.profileNoise * gaussian());
  return {
    id: options.seed,
    affinity,
    boredom: options.boredom[0] + (options.boredom[1] - options.boredom[0]) * random(),
    patience: options.patience,
    profile,
  };
}

/**
 * The click probability of showing `item` (reconstructed, in the spirit of RecSim's interest
 * evolution): σ(bias + affinity[topic] + quality − β·familiarity[topic] + novelty or repeat term).
 */
export function clickProbability(input: {
  catalogue: Catalogue;
  user: UserProfile;
  model: UserModel;
  familiarity: Float64Array;
  seen: Uint8Array;
  item: number;
}): number {
  const { catalogue, user, model, familiarity, seen, item } = input;
  const topic = item % catalogue.topics;
  const logit =
    model.bias +
    (user.affinity[topic] as number) +
    (catalogue.quality[item] as number) -
    user.boredom * (familiarity[topic] as number) +
    (seen[item] === 1 ? -model.repeatPenalty : model.noveltyBonus);
  return sigmoid(logit);
}
