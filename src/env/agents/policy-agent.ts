import type { DenseMlp } from "../../models/mlp/dense-mlp.js";
import { type Random, seededRandom } from "../../models/random.js";
import type { Environment } from "../environment.js";
import type { ActOptions, Agent, Experience } from "./agent.js";
import { sampleCategorical } from "./categorical.js";
import { actionCount, type FeatureReader, featureReader } from "./encoding.js";
import { argmax, oneHot } from "./epsilon-greedy.js";
import { actorCritic, policyOf } from "./policy-networks.js";

/**
 * What REINFORCE and PPO share: a softmax policy network over the environment's features and a
 * value network, acting by sampling (explore) or by the most probable action (greedy).
 */
export abstract class PolicyAgent<Observation> implements Agent<Observation> {
  abstract readonly kind: string;
  /** π's logits network and V's network (CleanRL's actor and critic). */
  readonly actor: DenseMlp;
  readonly critic: DenseMlp;
  protected readonly random: Random;
  protected readonly reader: FeatureReader<Observation>;
  protected readonly actions: number;

  constructor(setup: {
    environment: Environment<Observation, number>;
    seed: number;
    hidden: readonly number[];
  }) {
    this.reader = featureReader(setup.environment);
    this.actions = actionCount(setup.environment);
    this.random = seededRandom(setup.seed);
    const networks = actorCritic({
      inputs: this.reader.size,
      actions: this.actions,
      hidden: setup.hidden,
      random: this.random,
    });
    this.actor = networks.actor;
    this.critic = networks.critic;
  }

  act(observation: Observation, options: ActOptions = {}): number {
    const probabilities = policyOf(this.actor, this.reader.read(observation));
    return options.explore === false ? argmax(probabilities) : sampleCategorical(probabilities, this.random);
  }

  actionProbabilities(observation: Observation, options: ActOptions = {}): Float64Array {
    const probabilities = policyOf(this.actor, this.reader.read(observation));
    return options.explore === false ? oneHot(this.actions, argmax(probabilities)) : probabilities;
  }

  /** V(observation) from the value network. */
  stateValue(observation: Observation): number {
    return this.critic.forward(this.reader.read(observation), 1)[0] as number;
  }

  abstract observe(experience: Experience<Observation>): void;
}
