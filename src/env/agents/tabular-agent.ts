import { z } from "zod";
import { type Random, seededRandom } from "../../models/random.js";
import type { Environment } from "../environment.js";
import type { ActOptions, Agent, Experience } from "./agent.js";
import { actionCount } from "./encoding.js";
import { argmax, epsilonGreedyAction, epsilonGreedyProbabilities, oneHot } from "./epsilon-greedy.js";
import { linearScheduleSchema, scheduleValue } from "./schedule.js";

/** Options every tabular agent shares (defaults: Sutton & Barto 2018, Examples 6.5 and 6.6). */
export const tabularOptions = z.object({
  learning_rate: z
    .number()
    .gt(0)
    .max(1)
    .default(0.5)
    .describe("Step size α (Sutton & Barto's windy-gridworld and cliff-walking examples use 0.5)."),
  discount: z
    .number()
    .min(0)
    .max(1)
    .default(0.99)
    .describe(
      "Discount γ. Sutton & Barto's episodic examples use 1; 0.99 keeps values bounded in continuing or truncated tasks.",
    ),
  epsilon: linearScheduleSchema
    .default({ start: 0.1, end: 0.1, steps: 0 })
    .describe("ε of ε-greedy exploration by learning step (Sutton & Barto: a constant 0.1)."),
  initial_value: z
    .number()
    .default(0)
    .describe(
      "Every Q(s, a) starts here; above the reachable returns it drives exploration (optimistic initial values, §2.6).",
    ),
});

export type TabularOptions = z.output<typeof tabularOptions>;

/**
 * The shared part of tabular TD control: a Q table keyed by the environment's `observationKey`,
 * ε-greedy acting with ties broken at random, and the update Q(s,a) ← Q(s,a) + α (target − Q(s,a)).
 * Each algorithm supplies its target (Sutton & Barto §6.4–6.6).
 */
export abstract class TabularAgent<Observation> implements Agent<Observation> {
  abstract readonly kind: string;
  /** Q(s, ·) by observation key; rows appear when a state is first seen. */
  readonly table = new Map<string, Float64Array>();
  readonly options: TabularOptions;
  protected readonly random: Random;
  protected readonly actions: number;
  protected readonly key: (observation: Observation) => string;
  /** Learning steps taken (the ε schedule's clock). */
  protected steps = 0;

  constructor(setup: {
    environment: Environment<Observation, number>;
    seed: number;
    options: TabularOptions;
  }) {
    this.options = setup.options;
    this.actions = actionCount(setup.environment);
    this.key = setup.environment.observationKey.bind(setup.environment);
    this.random = seededRandom(setup.seed);
  }

  /** ε now. */
  get epsilon(): number {
    return scheduleValue(this.options.epsilon, this.steps);
  }

  protected values(key: string): Float64Array {
    let row = this.table.get(key);
    if (!row) {
      row = new Float64Array(this.actions).fill(this.options.initial_value);
      this.table.set(key, row);
    }
    return row;
  }

  act(observation: Observation, options: ActOptions = {}): number {
    const values = this.values(this.key(observation));
    return options.explore === false
      ? argmax(values)
      : epsilonGreedyAction(values, this.epsilon, this.random);
  }

  actionProbabilities(observation: Observation, options: ActOptions = {}): Float64Array {
    const values = this.values(this.key(observation));
    return options.explore === false
      ? oneHot(this.actions, argmax(values))
      : epsilonGreedyProbabilities(values, this.epsilon);
  }

  actionValues(observation: Observation): Float64Array {
    return Float64Array.from(this.values(this.key(observation)));
  }

  abstract observe(experience: Experience<Observation>): void;

  protected update(key: string, action: number, target: number): void {
    const values = this.values(key);
    const current = values[action] as number;
    values[action] = current + this.options.learning_rate * (target - current);
  }
}
