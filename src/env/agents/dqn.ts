import { z } from "zod";
import { DenseMlp } from "../../models/mlp/dense-mlp.js";
import { type Random, seededRandom } from "../../models/random.js";
import { type TensorAdam, tensorAdam } from "../../models/train/dense-adam.js";
import type { Environment } from "../environment.js";
import { type ActOptions, type Agent, defineAgent, type Experience } from "./agent.js";
import { dqnTargets, temporalDifferenceGradient } from "./dqn-targets.js";
import { actionCount, type FeatureReader, featureReader } from "./encoding.js";
import { argmax, epsilonGreedyAction, epsilonGreedyProbabilities, oneHot } from "./epsilon-greedy.js";
import { hiddenSizesSchema } from "./policy-networks.js";
import { ReplayBuffer, type ReplaySample } from "./replay-buffer.js";
import { linearScheduleSchema, scheduleValue } from "./schedule.js";

/** Defaults: CleanRL's dqn.py (CartPole), with the DQN paper's Huber loss. */
export const dqnOptions = z.object({
  hidden_sizes: hiddenSizesSchema
    .default([120, 84])
    .describe("Hidden layer widths of the Q-network (ReLU; CleanRL 120, 84)."),
  learning_rate: z.number().gt(0).default(2.5e-4).describe("Adam step size."),
  buffer_size: z.number().int().min(1).default(10_000).describe("Replay buffer capacity (transitions)."),
  discount: z.number().min(0).max(1).default(0.99).describe("Discount γ."),
  batch_size: z.number().int().min(1).default(128).describe("Transitions per gradient step."),
  learning_starts: z
    .number()
    .int()
    .min(0)
    .default(10_000)
    .describe("Steps of acting before the first gradient step."),
  train_frequency: z.number().int().min(1).default(10).describe("Steps between gradient steps."),
  target_update_interval: z
    .number()
    .int()
    .min(1)
    .default(500)
    .describe("Steps between target-network updates (CleanRL target_network_frequency)."),
  tau: z.number().gt(0).max(1).default(1).describe("Target update θ⁻ ← τ θ + (1 − τ) θ⁻ (1: a hard copy)."),
  epsilon: linearScheduleSchema
    .default({ start: 1, end: 0.05, steps: 250_000 })
    .describe("ε by step (CleanRL: 1 → 0.05 over half of 500k steps)."),
  loss: z
    .enum(["huber", "mse"])
    .default("huber")
    .describe(
      "`huber`: the DQN paper's error clipped to [−1, 1] (smooth L1); `mse`: CleanRL's squared error.",
    ),
  double_dqn: z
    .boolean()
    .default(false)
    .describe(
      "Pick the next action with the online network, value it with the target (van Hasselt et al. 2016).",
    ),
});

export type DqnOptions = z.output<typeof dqnOptions>;

/**
 * Deep Q-network (Mnih et al. 2015) as CleanRL's dqn.py: ε-greedy acting, a replay buffer, a
 * target network updated every `target_update_interval` steps, one gradient step every
 * `train_frequency` steps after `learning_starts`. Truncated steps bootstrap; terminated ones do not.
 */
export class DqnAgent<Observation> implements Agent<Observation> {
  readonly kind = "dqn";
  readonly network: DenseMlp;
  readonly target: DenseMlp;
  readonly options: DqnOptions;
  private readonly optimizer: TensorAdam;
  private readonly buffer: ReplayBuffer;
  private readonly reader: FeatureReader<Observation>;
  private readonly random: Random;
  private readonly actions: number;
  private readonly relabel: ((batch: ReplaySample) => void) | undefined;
  /** Steps observed (the ε schedule's and the update timers' clock). */
  steps = 0;

  constructor(setup: {
    environment: Environment<Observation, number>;
    seed: number;
    options: DqnOptions;
    /**
     * Recomputes a sampled batch's rewards (writing `batch.rewards`) before each gradient step: a
     * learned reward that keeps changing — off-policy adversarial imitation's discriminator (DAC,
     * Lipschitz off-policy GAIL) — relabels the replayed transitions with its current values.
     */
    relabel?: (batch: ReplaySample) => void;
  }) {
    this.options = setup.options;
    this.relabel = setup.relabel;
    this.reader = featureReader(setup.environment);
    this.actions = actionCount(setup.environment);
    this.random = seededRandom(setup.seed);
    const sizes = [this.reader.size, ...setup.options.hidden_sizes, this.actions];
    this.network = new DenseMlp({ sizes, activation: "relu", random: this.random });
    this.target = new DenseMlp({ sizes, activation: "relu", random: this.random });
    this.target.copyFrom(this.network);
    this.optimizer = tensorAdam(this.network.parameters, { learningRate: setup.options.learning_rate });
    this.buffer = new ReplayBuffer(setup.options.buffer_size, this.reader.size);
  }

  get epsilon(): number {
    return scheduleValue(this.options.epsilon, this.steps);
  }

  actionValues(observation: Observation): Float64Array {
    return this.network.forward(this.reader.read(observation), 1);
  }

  act(observation: Observation, options: ActOptions = {}): number {
    const values = this.actionValues(observation);
    return options.explore === false
      ? argmax(values)
      : epsilonGreedyAction(values, this.epsilon, this.random);
  }

  actionProbabilities(observation: Observation, options: ActOptions = {}): Float64Array {
    const values = this.actionValues(observation);
    return options.explore === false
      ? oneHot(this.actions, argmax(values))
      : epsilonGreedyProbabilities(values, this.epsilon);
  }

  observe(experience: Experience<Observation>): void {
    this.buffer.add({
      features: this.reader.read(experience.observation),
      action: experience.action,
      reward: experience.reward,
      nextFeatures: this.reader.read(experience.nextObservation),
      terminated: experience.terminated,
    });
    this.steps++;
    const { options } = this;
    if (this.steps <= options.learning_starts) return;
    if (this.steps % options.train_frequency === 0) this.learn();
    if (this.steps % options.target_update_interval === 0) this.updateTarget();
  }

  private learn(): void {
    const { options } = this;
    const batch = this.buffer.sample(options.batch_size, this.random);
    this.relabel?.(batch);
    const targets = dqnTargets({
      batch,
      target: this.target,
      online: this.network,
      discount: options.discount,
      double: options.double_dqn,
    });
    const pass = this.network.forwardPass(batch.features, batch.rows);
    const values = pass.activations.at(-1) as Float64Array;
    this.network.backward(
      pass,
      temporalDifferenceGradient({ values, actions: batch.actions, targets, loss: options.loss }),
    );
    this.optimizer.step();
  }

  private updateTarget(): void {
    const tau = this.options.tau;
    if (tau === 1) {
      this.target.copyFrom(this.network);
      return;
    }
    this.target.layers.forEach((layer, index) => {
      const source = this.network.layers[index] as {
        weight: { data: Float64Array };
        bias: { data: Float64Array };
      };
      for (const [to, from] of [
        [layer.weight.data, source.weight.data],
        [layer.bias.data, source.bias.data],
      ] as const) {
        for (let entry = 0; entry < to.length; entry++)
          to[entry] = tau * (from[entry] as number) + (1 - tau) * (to[entry] as number);
      }
    });
  }
}

export const dqn = defineAgent({
  name: "dqn",
  summary:
    "DQN: replay buffer, target network, ε schedule, Huber loss, optional double DQN; a small ReLU MLP.",
  source: "Mnih et al. (2015); defaults from CleanRL dqn.py; van Hasselt et al. (2016) for double DQN",
  options: dqnOptions,
  create: (setup) => new DqnAgent(setup),
});
