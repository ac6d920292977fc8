import { z } from "zod";
import { clipGradientNorm } from "../../models/mlp/clip-gradient-norm.js";
import { shuffleInPlace } from "../../models/random.js";
import { type TensorAdam, tensorAdam } from "../../models/train/dense-adam.js";
import type { Environment } from "../environment.js";
import { defineAgent, type Experience } from "./agent.js";
import { stackRows } from "./encoding.js";
import { PolicyAgent } from "./policy-agent.js";
import { hiddenSizesSchema } from "./policy-networks.js";
import { type PolicyObjective, ppoMinibatchGradients } from "./ppo-loss.js";
import { generalizedAdvantages } from "./returns.js";

/** Defaults: CleanRL's ppo.py (which follows the PPO paper's Atari/MuJoCo settings). */
export const ppoOptions = z.object({
  hidden_sizes: hiddenSizesSchema
    .default([64, 64])
    .describe("Hidden layer widths of the actor and critic MLPs (tanh)."),
  learning_rate: z
    .number()
    .gt(0)
    .default(2.5e-4)
    .describe("Adam step size (CleanRL 2.5e-4, not annealed here)."),
  steps_per_update: z
    .number()
    .int()
    .min(2)
    .default(128)
    .describe("Environment steps gathered per update (CleanRL num_steps × num_envs; one environment here)."),
  discount: z.number().min(0).max(1).default(0.99).describe("Discount γ."),
  gae_lambda: z.number().min(0).max(1).default(0.95).describe("GAE's λ (Schulman et al. 2016)."),
  minibatches: z.number().int().min(1).default(4).describe("Minibatches per epoch."),
  update_epochs: z.number().int().min(1).default(4).describe("Passes over the gathered steps per update."),
  normalize_advantages: z.boolean().default(true).describe("Standardize advantages within each minibatch."),
  clip_coefficient: z.number().gt(0).default(0.2).describe("ε of the clipped surrogate (PPO paper eq. 7)."),
  clip_value_loss: z
    .boolean()
    .default(true)
    .describe("Clip the value update around the old values as CleanRL does."),
  entropy_coefficient: z.number().min(0).default(0.01).describe("c₂, weight of the entropy bonus (eq. 9)."),
  value_coefficient: z.number().min(0).default(0.5).describe("c₁, weight of the value loss (eq. 9)."),
  max_gradient_norm: z
    .number()
    .gt(0)
    .default(0.5)
    .describe("Global gradient-norm clip before each Adam step."),
  target_kl: z
    .number()
    .gt(0)
    .nullable()
    .default(null)
    .describe("Stop an update's epochs early once the approximate KL exceeds this (null: never)."),
});

export type PpoOptions = z.output<typeof ppoOptions>;

/**
 * Proximal policy optimization (Schulman et al. 2017) as CleanRL's ppo.py: gather `steps_per_update`
 * steps, estimate advantages with GAE(λ), then `update_epochs` passes of shuffled minibatches on the
 * clipped surrogate with a (clipped) value loss and an entropy bonus, one Adam over actor and critic
 * with the gradient norm clipped. Unlike ppo.py, a truncated episode bootstraps from V(s').
 */
export class PpoAgent<Observation> extends PolicyAgent<Observation> {
  readonly kind = "ppo";
  readonly options: PpoOptions;
  private readonly optimizer: TensorAdam;
  private readonly objective: PolicyObjective | undefined;
  private buffer = emptyBuffer();
  /** Updates done and the approximate KL of the last epoch (for diagnostics). */
  updates = 0;
  lastApproximateKl = 0;

  constructor(setup: {
    environment: Environment<Observation, number>;
    seed: number;
    options: PpoOptions;
    /** A learned or other policy objective in place of the clipped surrogate (LPO's drift). */
    objective?: PolicyObjective;
  }) {
    super({ environment: setup.environment, seed: setup.seed, hidden: setup.options.hidden_sizes });
    this.options = setup.options;
    this.objective = setup.objective;
    this.optimizer = tensorAdam([...this.actor.parameters, ...this.critic.parameters], {
      learningRate: setup.options.learning_rate,
    });
  }

  observe(experience: Experience<Observation>): void {
    const buffer = this.buffer;
    buffer.features.push(this.reader.read(experience.observation));
    buffer.nextFeatures.push(this.reader.read(experience.nextObservation));
    buffer.actions.push(experience.action);
    buffer.rewards.push(experience.reward);
    buffer.terminated.push(experience.terminated);
    buffer.ended.push(experience.terminated || experience.truncated);
    if (buffer.actions.length < this.options.steps_per_update) return;
    this.update();
    this.buffer = emptyBuffer();
  }

  private update(): void {
    const { options, buffer } = this;
    const rows = buffer.actions.length;
    const size = this.reader.size;
    const features = stackRows(buffer.features, size);
    // The policy has not changed since these steps were taken, so its outputs now are the "old" ones.
    const oldLogits = this.actor.forward(features, rows);
    const values = this.critic.forward(features, rows);
    const nextValues = this.critic.forward(stackRows(buffer.nextFeatures, size), rows);
    const advantages = generalizedAdvantages({
      rewards: buffer.rewards,
      values,
      nextValues,
      terminated: buffer.terminated,
      ended: buffer.ended,
      discount: options.discount,
      lambda: options.gae_lambda,
    });
    const returns = advantages.map((advantage, index) => advantage + (values[index] as number));
    const order = Array.from({ length: rows }, (_, index) => index);
    const minibatchSize = Math.max(1, Math.floor(rows / options.minibatches));
    const parameters = [...this.actor.parameters, ...this.critic.parameters];
    for (let epoch = 0; epoch < options.update_epochs; epoch++) {
      shuffleInPlace(order, this.random);
      let klSum = 0;
      let klCount = 0;
      for (let start = 0; start < rows; start += minibatchSize) {
        const indices = order.slice(start, start + minibatchSize);
        const batch = stackRows(
          indices.map((index) => buffer.features[index] as Float64Array),
          size,
        );
        const actorPass = this.actor.forwardPass(batch, indices.length);
        const criticPass = this.critic.forwardPass(batch, indices.length);
        const gradients = ppoMinibatchGradients({
          logits: actorPass.activations.at(-1) as Float64Array,
          values: criticPass.activations.at(-1) as Float64Array,
          actions: indices.map((index) => buffer.actions[index] as number),
          oldLogits: indices.map((index) =>
            oldLogits.subarray(index * this.actions, (index + 1) * this.actions),
          ),
          oldValues: indices.map((index) => values[index] as number),
          advantages: indices.map((index) => advantages[index] as number),
          returns: indices.map((index) => returns[index] as number),
          options,
          ...(this.objective ? { objective: this.objective } : {}),
        });
        this.actor.backward(actorPass, gradients.logits);
        this.critic.backward(criticPass, gradients.values);
        clipGradientNorm(parameters, options.max_gradient_norm);
        this.optimizer.step();
        klSum += gradients.approximateKl * indices.length;
        klCount += indices.length;
      }
      this.lastApproximateKl = klSum / klCount;
      if (options.target_kl !== null && this.lastApproximateKl > options.target_kl) break;
    }
    this.updates++;
  }
}

function emptyBuffer() {
  return {
    features: [] as Float64Array[],
    nextFeatures: [] as Float64Array[],
    actions: [] as number[],
    rewards: [] as number[],
    terminated: [] as boolean[],
    ended: [] as boolean[],
  };
}

export const ppo = defineAgent({
  name: "ppo",
  summary: "PPO: clipped surrogate, GAE(λ), a value head, entropy bonus, minibatch epochs; small tanh MLPs.",
  source: "Schulman et al. (2017); defaults from CleanRL ppo.py",
  options: ppoOptions,
  create: (setup) => new PpoAgent(setup),
});
