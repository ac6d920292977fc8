import { gaussianFrom, RewardkitError, sigmoid } from "../../core/index.js";
import type { Environment, Reset, Space, Transition } from "../environment.js";
import { drawSeed, streamOf } from "../seeds.js";
import { svgFrame } from "../svg.js";
import { argmax } from "./multi-armed-bandit.js";

/** A context: `features` (a unit-variance Gaussian vector) and which pull it is. */
export interface ContextObservation {
  readonly pull: number;
  readonly features: Float64Array;
}

export interface ContextualBanditSettings {
  arms: number;
  dimension: number;
  /** `linear`: θ_a·x + N(0, noise²); `logistic`: 1 with probability σ(scale · θ_a·x). */
  payoff: "linear" | "logistic";
  noise: number;
  scale: number;
  problems: "fixed" | "procedural";
  problemSeed: number;
  horizon: number;
}

/**
 * A linear contextual bandit (LinUCB's setting): each step shows a context x ~ N(0, I_d); arm a's
 * expected payoff is θ_a·x (θ_a ~ N(0, I_d / d), drawn per problem), observed with Gaussian noise or
 * through a logistic link as a click. Info: `expected` payoff of the pulled arm, `best_expected`,
 * `best_arm`, `regret`.
 */
export class ContextualBandit implements Environment<ContextObservation, number> {
  readonly id = "contextual-bandit";
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  private readonly settings: ContextualBanditSettings;
  private random: () => number;
  private gaussian: () => number;
  private weights: Float64Array;
  private context: ContextObservation;
  private ended = true;

  constructor(settings: ContextualBanditSettings) {
    this.settings = settings;
    this.maxEpisodeSteps = settings.horizon;
    this.actionSpace = { kind: "discrete", n: settings.arms };
    this.observationSpace = { kind: "box", size: settings.dimension };
    this.random = streamOf(0, 1);
    this.gaussian = gaussianFrom(this.random);
    this.weights = this.drawWeights(settings.problemSeed);
    this.context = { pull: 0, features: new Float64Array(settings.dimension) };
  }

  /** θ, arm-major: `weights[a * dimension + j]`. */
  get armWeights(): Float64Array {
    return this.weights;
  }

  /** The expected payoff of every arm in a context (before the logistic link). */
  expectedPayoffs(features: Float64Array): Float64Array {
    const { arms, dimension } = this.settings;
    const payoffs = new Float64Array(arms);
    for (let arm = 0; arm < arms; arm++) {
      let dot = 0;
      for (let index = 0; index < dimension; index++) {
        dot += (this.weights[arm * dimension + index] as number) * (features[index] as number);
      }
      payoffs[arm] = this.settings.payoff === "linear" ? dot : sigmoid(this.settings.scale * dot);
    }
    return payoffs;
  }

  reset(options: { seed?: number } = {}): Reset<ContextObservation> {
    if (options.seed !== undefined) {
      this.random = streamOf(options.seed, 1);
      this.gaussian = gaussianFrom(this.random);
    }
    if (this.settings.problems === "procedural")
      this.weights = this.drawWeights(options.seed ?? drawSeed(this.random));
    this.context = { pull: 0, features: this.drawContext() };
    this.ended = false;
    return { observation: this.context, info: {} };
  }

  step(arm: number): Transition<ContextObservation> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    if (!Number.isInteger(arm) || arm < 0 || arm >= this.settings.arms) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${this.id}: expected an arm 0..${this.settings.arms - 1}, received ${arm}`,
      );
    }
    const payoffs = this.expectedPayoffs(this.context.features);
    const expected = payoffs[arm] as number;
    const bestArm = argmax(payoffs);
    const best = payoffs[bestArm] as number;
    const reward =
      this.settings.payoff === "linear"
        ? expected + this.settings.noise * this.gaussian()
        : this.random() < expected
          ? 1
          : 0;
    const pull = this.context.pull + 1;
    const truncated = pull >= this.settings.horizon;
    this.ended = truncated;
    this.context = { pull, features: this.drawContext() };
    return {
      observation: this.context,
      reward,
      terminated: false,
      truncated,
      info: { expected, best_expected: best, best_arm: bestArm, regret: best - expected },
    };
  }

  observationKey(observation: ContextObservation): string {
    return `${observation.pull}:${Array.from(observation.features).join(",")}`;
  }

  observationFeatures(observation: ContextObservation): Float64Array {
    return observation.features;
  }

  observationText(observation: ContextObservation): string {
    const values = Array.from(observation.features, (value) => value.toFixed(3)).join(", ");
    return `Context [${values}]: choose one of ${this.settings.arms} arms.`;
  }

  renderText(): string {
    const payoffs = this.expectedPayoffs(this.context.features);
    return [
      this.observationText(this.context),
      ...Array.from(payoffs, (payoff, arm) => `arm ${arm}: expected ${payoff.toFixed(3)}`),
    ].join("\n");
  }

  renderSvg(): string {
    const payoffs = this.expectedPayoffs(this.context.features);
    const high = Math.max(1e-9, ...Array.from(payoffs, Math.abs));
    const bars = Array.from(payoffs, (payoff, arm) => {
      const length = (Math.abs(payoff) / high) * 50;
      const y = payoff >= 0 ? 60 - length : 60;
      return `<rect x="${10 + arm * 24}" y="${y}" width="18" height="${length}" fill="${payoff >= 0 ? "#3bb273" : "#e4572e"}"/>`;
    });
    return svgFrame({
      width: 24 * this.settings.arms + 20,
      height: 120,
      title: `${this.id}: expected payoffs`,
      body: bars.join(""),
    });
  }

  private drawContext(): Float64Array {
    return Float64Array.from({ length: this.settings.dimension }, () => this.gaussian());
  }

  private drawWeights(seed: number): Float64Array {
    const gaussian = gaussianFrom(streamOf(seed, 0));
    const spread = 1 / Math.sqrt(this.settings.dimension);
    return Float64Array.from(
      { length: this.settings.arms * this.settings.dimension },
      () => spread * gaussian(),
    );
  }
}
