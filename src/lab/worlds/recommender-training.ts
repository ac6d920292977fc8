import type { Recommendation } from "../../env/recommendation/index.js";
import type { LabRandom } from "../random.js";
import { intentFeatures, itemFeatures, type RecommenderPolicy } from "./recommender-policy.js";

/** What a session showed and earned, measured on the environment's clicks (never the shaped reward). */
export interface SessionOutcome {
  clicks: number;
  length: number;
  /** Clicks in the first `early` steps (short-term engagement). */
  earlyClicks: number;
  /** Distinct items shown over the catalogue size. */
  coverage: number;
  /** Share of steps on which the hierarchical policy chose intent 1. */
  intentShare: number;
}

/**
 * Plays one session. The learner's reward per step is the click plus `noveltyWeight` × (1 for an item
 * not shown before in the session + the topic's unfamiliarity 1 − min(1, familiarity/2)) / 2: the
 * novelty and diversity terms the novelty-seeking recommendation paper adds to its reward (weights and
 * form reconstructed).
 */
export function playSession(input: {
  environment: Recommendation;
  policy: RecommenderPolicy;
  seed: number;
  random: LabRandom;
  noveltyWeight: number;
  early: number;
}): { outcome: SessionOutcome; gradients: Float64Array[]; rewards: number[] } {
  const { environment, policy } = input;
  let observation = environment.reset({ seed: input.seed }).observation;
  const shown = new Uint8Array(environment.actionSpace.kind === "discrete" ? environment.actionSpace.n : 0);
  const gradients: Float64Array[] = [];
  const rewards: number[] = [];
  let clicks = 0;
  let earlyClicks = 0;
  let intents = 0;
  for (let step = 0; ; step++) {
    const decision = policy.decide({
      items: itemFeatures({ environment, observation, memory: { shown } }),
      intent: intentFeatures({ environment, observation }),
      random: input.random,
    });
    const topic = environment.topicOf(decision.item);
    const novelty = shown[decision.item] === 0 ? 1 : 0;
    const diversity = 1 - Math.min(1, (observation.familiarity[topic] as number) / 2);
    shown[decision.item] = 1;
    const result = environment.step(decision.item);
    clicks += result.reward;
    if (step < input.early) earlyClicks += result.reward;
    intents += decision.intent;
    gradients.push(decision.gradient);
    rewards.push(result.reward + (input.noveltyWeight * (novelty + diversity)) / 2);
    observation = result.observation;
    if (result.terminated || result.truncated) break;
  }
  const distinct = shown.reduce((total, value) => total + value, 0);
  return {
    outcome: {
      clicks,
      length: rewards.length,
      earlyClicks,
      coverage: distinct / shown.length,
      intentShare: intents / rewards.length,
    },
    gradients,
    rewards,
  };
}

/** Mean outcome of `sessions` evaluation sessions (users 1_000_000 + k, the same for every learner). */
export function evaluateRecommender(input: {
  environment: Recommendation;
  policy: RecommenderPolicy;
  sessions: number;
  random: LabRandom;
  early: number;
}): SessionOutcome {
  const total: SessionOutcome = { clicks: 0, length: 0, earlyClicks: 0, coverage: 0, intentShare: 0 };
  for (let session = 0; session < input.sessions; session++) {
    const { outcome } = playSession({ ...input, seed: 1_000_000 + session, noveltyWeight: 0 });
    for (const key of Object.keys(total) as (keyof SessionOutcome)[])
      total[key] += outcome[key] / input.sessions;
  }
  return total;
}

/**
 * REINFORCE with a running-mean baseline on the discounted reward-to-go (γ < 1: a learner that weighs
 * the next clicks more than the session's end, as click-through-trained recommenders do).
 */
export function reinforceStep(input: {
  policy: RecommenderPolicy;
  episodes: { gradients: Float64Array[]; rewards: number[] }[];
  discount: number;
  learningRate: number;
  baseline: { value: number };
}): void {
  const update = new Float64Array(input.policy.parameters.length);
  let count = 0;
  let returnSum = 0;
  for (const episode of input.episodes) {
    let toGo = 0;
    for (let step = episode.rewards.length - 1; step >= 0; step--) {
      toGo = (episode.rewards[step] as number) + input.discount * toGo;
      const advantage = toGo - input.baseline.value;
      const gradient = episode.gradients[step] as Float64Array;
      for (let index = 0; index < update.length; index++)
        update[index] = (update[index] as number) + advantage * (gradient[index] as number);
      returnSum += toGo;
      count++;
    }
  }
  if (count === 0) return;
  for (let index = 0; index < update.length; index++)
    input.policy.parameters[index] =
      (input.policy.parameters[index] as number) + (input.learningRate * (update[index] as number)) / count;
  input.baseline.value = 0.9 * input.baseline.value + (0.1 * returnSum) / count;
}
