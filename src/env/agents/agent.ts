import type { z } from "zod";
import type { Environment } from "../environment.js";

/** One step as the learner sees it. */
export interface Experience<Observation = unknown> {
  observation: Observation;
  action: number;
  /**
   * The reward to learn from: the environment's, unless the training loop's `reward` hook (an
   * intrinsic bonus, shaping, a reward wrapper) replaced it.
   */
  reward: number;
  nextObservation: Observation;
  /** The episode ended inside the MDP: the learner does not bootstrap from `nextObservation`. */
  terminated: boolean;
  /** The episode was cut off (time limit, budget): the learner bootstraps from `nextObservation`. */
  truncated: boolean;
}

export interface ActOptions {
  /**
   * true (default): the behaviour policy (ε-greedy, a sample of the stochastic policy);
   * false: the greedy policy (argmax of Q or of the policy's probabilities, lowest index on ties).
   */
  explore?: boolean;
}

/**
 * A learning agent over a discrete action space. It acts, exposes its policy (and Q-values when it
 * has them), and learns from the experiences the training loop hands it, one step at a time.
 */
export interface Agent<Observation = unknown> {
  /** The registry name (`"q-learning"`, `"ppo"`...). */
  readonly kind: string;
  act(observation: Observation, options?: ActOptions): number;
  /** π(·|observation) of the behaviour (explore) or greedy policy, summing to 1. */
  actionProbabilities(observation: Observation, options?: ActOptions): Float64Array;
  /** Q(observation, ·) for value-based agents (tabular, DQN). */
  actionValues?(observation: Observation): Float64Array;
  /** V(observation) for agents with a value network (REINFORCE's baseline, PPO's critic). */
  stateValue?(observation: Observation): number;
  /** Learns from one step (on-policy agents buffer it until their update). */
  observe(experience: Experience<Observation>): void;
}

/** A registered agent: its options (zod: defaults, checks, docs) and how to build one. */
export interface AgentDefinition<Schema extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly summary: string;
  /** Where the defaults come from. */
  readonly source: string;
  readonly options: Schema;
  create<Observation>(setup: {
    environment: Environment<Observation, number>;
    seed: number;
    options: z.output<Schema>;
  }): Agent<Observation>;
}

export function defineAgent<Schema extends z.ZodObject>(
  definition: AgentDefinition<Schema>,
): AgentDefinition<Schema> {
  return definition;
}
