import { z } from "zod";
import { type TensorAdam, tensorAdam } from "../../models/train/dense-adam.js";
import type { Environment } from "../environment.js";
import { defineAgent, type Experience } from "./agent.js";
import { addPolicyGradient, softmax } from "./categorical.js";
import { stackRows } from "./encoding.js";
import { PolicyAgent } from "./policy-agent.js";
import { hiddenSizesSchema } from "./policy-networks.js";
import { discountedReturns, standardizeAdvantages } from "./returns.js";

export const reinforceOptions = z.object({
  hidden_sizes: hiddenSizesSchema
    .default([64, 64])
    .describe("Hidden layer widths of the policy and value MLPs (tanh)."),
  learning_rate: z.number().gt(0).default(0.001).describe("Adam step size of the policy network."),
  value_learning_rate: z
    .number()
    .gt(0)
    .default(0.01)
    .describe("Adam step size of the value (baseline) network."),
  discount: z.number().min(0).max(1).default(0.99).describe("Discount γ of the returns G_t."),
  baseline: z
    .enum(["value", "none"])
    .default("value")
    .describe(
      "`value`: subtract a learned V(s_t) from G_t (Sutton & Barto §13.4); `none`: plain REINFORCE (§13.3).",
    ),
  normalize_advantages: z.boolean().default(false).describe("Standardize G_t − b(s_t) within each update."),
  entropy_coefficient: z.number().min(0).default(0).describe("Weight of the policy's entropy bonus."),
  episodes_per_update: z
    .number()
    .int()
    .min(1)
    .default(1)
    .describe("Episodes gathered before each gradient step."),
});

export type ReinforceOptions = z.output<typeof reinforceOptions>;

interface Episode {
  features: Float64Array[];
  actions: number[];
  rewards: number[];
  bootstrap: number;
}

/**
 * REINFORCE with a learned baseline (Williams 1992; Sutton & Barto §13.3–13.4): after each episode,
 * ascend Σ_t (G_t − V(s_t)) ∇ log π(a_t|s_t) and fit V to G_t by squared error. As implementations
 * commonly do, the update averages over the episode's steps and drops S&B's γ^t factor. A truncated
 * episode's return is bootstrapped with V of its last observation.
 */
export class ReinforceAgent<Observation> extends PolicyAgent<Observation> {
  readonly kind = "reinforce";
  readonly options: ReinforceOptions;
  private readonly policyOptimizer: TensorAdam;
  private readonly valueOptimizer: TensorAdam;
  private current: Episode = { features: [], actions: [], rewards: [], bootstrap: 0 };
  private finished: Episode[] = [];

  constructor(setup: {
    environment: Environment<Observation, number>;
    seed: number;
    options: ReinforceOptions;
  }) {
    super({ environment: setup.environment, seed: setup.seed, hidden: setup.options.hidden_sizes });
    this.options = setup.options;
    this.policyOptimizer = tensorAdam(this.actor.parameters, { learningRate: setup.options.learning_rate });
    this.valueOptimizer = tensorAdam(this.critic.parameters, {
      learningRate: setup.options.value_learning_rate,
    });
  }

  observe(experience: Experience<Observation>): void {
    this.current.features.push(this.reader.read(experience.observation));
    this.current.actions.push(experience.action);
    this.current.rewards.push(experience.reward);
    if (!experience.terminated && !experience.truncated) return;
    if (!experience.terminated && this.options.baseline === "value")
      this.current.bootstrap = this.stateValue(experience.nextObservation);
    this.finished.push(this.current);
    this.current = { features: [], actions: [], rewards: [], bootstrap: 0 };
    if (this.finished.length >= this.options.episodes_per_update) {
      this.update(this.finished);
      this.finished = [];
    }
  }

  private update(episodes: readonly Episode[]): void {
    const features = episodes.flatMap((episode) => episode.features);
    const actions = episodes.flatMap((episode) => episode.actions);
    const returns = Float64Array.from(
      episodes.flatMap((episode) =>
        Array.from(discountedReturns(episode.rewards, this.options.discount, episode.bootstrap)),
      ),
    );
    const rows = features.length;
    const batch = stackRows(features, this.reader.size);
    const useValue = this.options.baseline === "value";
    const valuePass = this.critic.forwardPass(batch, rows);
    const values = valuePass.activations.at(-1) as Float64Array;
    let advantages: Float64Array = returns.map(
      (value, index) => value - (useValue ? (values[index] as number) : 0),
    );
    if (this.options.normalize_advantages) advantages = standardizeAdvantages(advantages);

    const policyPass = this.actor.forwardPass(batch, rows);
    const logits = policyPass.activations.at(-1) as Float64Array;
    const logitGradient = new Float64Array(logits.length);
    for (let row = 0; row < rows; row++) {
      addPolicyGradient({
        gradient: logitGradient,
        offset: row * this.actions,
        probabilities: softmax(logits, row * this.actions, this.actions),
        action: actions[row] as number,
        weight: (advantages[row] as number) / rows,
        entropyWeight: this.options.entropy_coefficient / rows,
      });
    }
    this.actor.backward(policyPass, logitGradient);
    this.policyOptimizer.step();
    if (useValue) {
      // d/dV of ½ mean (V − G)².
      this.critic.backward(
        valuePass,
        values.map((value, index) => (value - (returns[index] as number)) / rows),
      );
      this.valueOptimizer.step();
    }
  }
}

export const reinforce = defineAgent({
  name: "reinforce",
  summary: "REINFORCE (Monte Carlo policy gradient) with a learned state-value baseline and small tanh MLPs.",
  source: "Williams (1992); Sutton & Barto (2018) §13.3–13.4; networks as CleanRL's PPO; step sizes ours",
  options: reinforceOptions,
  create: (setup) => new ReinforceAgent(setup),
});
