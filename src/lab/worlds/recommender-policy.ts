import type { Recommendation, RecommendationObservation } from "../../env/recommendation/index.js";
import type { LabRandom } from "../random.js";

/** Per-item features the recommender scores: taste, familiarity, shown before, same topic as the last. */
export const itemFeatureCount = 4;
/** Per-step features the hierarchical policy's intent level reads. */
export const intentFeatureCount = 3;

/** What one session has shown so far (the observation carries only the last item). */
export interface SessionMemory {
  shown: Uint8Array;
}

export function itemFeatures(input: {
  environment: Recommendation;
  observation: RecommendationObservation;
  memory: SessionMemory;
}): Float64Array[] {
  const { environment, observation, memory } = input;
  const lastTopic = observation.lastItem >= 0 ? environment.topicOf(observation.lastItem) : -1;
  return Array.from({ length: memory.shown.length }, (_, item) => {
    const topic = environment.topicOf(item);
    return Float64Array.of(
      observation.profile[topic] as number,
      Math.min(3, observation.familiarity[topic] as number),
      memory.shown[item] as number,
      topic === lastTopic ? 1 : 0,
    );
  });
}

/** The intent level's features: how familiar the last topic is, whether the last item was clicked, 1. */
export function intentFeatures(input: {
  environment: Recommendation;
  observation: RecommendationObservation;
}): Float64Array {
  const { environment, observation } = input;
  const lastTopic = observation.lastItem >= 0 ? environment.topicOf(observation.lastItem) : -1;
  return Float64Array.of(
    lastTopic >= 0 ? Math.min(3, observation.familiarity[lastTopic] as number) : 0,
    observation.lastClicked ? 1 : 0,
    1,
  );
}

function dot(weights: Float64Array, offset: number, features: Float64Array): number {
  let total = 0;
  for (let index = 0; index < features.length; index++)
    total += (weights[offset + index] as number) * (features[index] as number);
  return total;
}

function softmax(logits: readonly number[]): number[] {
  const top = Math.max(...logits);
  const exps = logits.map((logit) => Math.exp(logit - top));
  const sum = exps.reduce((total, value) => total + value, 0);
  return exps.map((value) => value / sum);
}

/** One decision: the item, the intent (0 for a flat policy) and ∇ log π of the choice. */
export interface Decision {
  item: number;
  intent: number;
  gradient: Float64Array;
}

/**
 * A log-linear recommender. `flat`: π(item) ∝ exp(w·φ(item)). `hierarchical` (reconstructed from the
 * novelty-seeking HRL paper's two levels): an intent z ∈ {0, 1} (learned, e.g. "stay with the familiar"
 * or "seek novelty") drawn from π(z) ∝ exp(u_z·ψ), then an item from π(item | z) ∝ exp(w_z·φ(item)):
 * two item scorers the intent switches between. Parameters: flat w (4); hierarchical u (2 × 3), w (2 × 4).
 */
export class RecommenderPolicy {
  readonly parameters: Float64Array;
  constructor(readonly kind: "flat" | "hierarchical") {
    this.parameters = new Float64Array(
      kind === "flat" ? itemFeatureCount : 2 * intentFeatureCount + 2 * itemFeatureCount,
    );
  }

  decide(input: { items: Float64Array[]; intent: Float64Array; random: LabRandom }): Decision {
    const gradient = new Float64Array(this.parameters.length);
    let intent = 0;
    let itemOffset = 0;
    if (this.kind === "hierarchical") {
      const intentLogits = [0, 1].map((z) => dot(this.parameters, z * intentFeatureCount, input.intent));
      const intentProbabilities = softmax(intentLogits);
      intent = input.random.categorical(intentProbabilities);
      for (let z = 0; z < 2; z++) {
        const coefficient = (z === intent ? 1 : 0) - (intentProbabilities[z] as number);
        for (let index = 0; index < intentFeatureCount; index++)
          gradient[z * intentFeatureCount + index] = coefficient * (input.intent[index] as number);
      }
      itemOffset = 2 * intentFeatureCount + intent * itemFeatureCount;
    }
    const itemProbabilities = softmax(
      input.items.map((features) => dot(this.parameters, itemOffset, features)),
    );
    const item = input.random.categorical(itemProbabilities);
    input.items.forEach((features, candidate) => {
      const coefficient = (candidate === item ? 1 : 0) - (itemProbabilities[candidate] as number);
      for (let index = 0; index < itemFeatureCount; index++)
        gradient[itemOffset + index] =
          (gradient[itemOffset + index] as number) + coefficient * (features[index] as number);
    });
    return { item, intent, gradient };
  }
}
