import { gaussianFrom, RewardkitError } from "../../core/index.js";
import type { Environment, Reset, Space, Transition } from "../environment.js";
import { drawSeed, streamOf } from "../seeds.js";
import { coordinate, svgFrame } from "../svg.js";

/** What a bandit's agent sees: only how many pulls it has made (the arms' means are hidden). */
export interface BanditObservation {
  readonly pull: number;
}

export interface MultiArmedBanditSettings {
  arms: number;
  distribution: "bernoulli" | "gaussian";
  /** Given means (one per arm), or drawn: U(0, 1) for Bernoulli, N(0, 1) for Gaussian (Sutton & Barto's testbed). */
  means?: readonly number[] | undefined;
  /** `fixed`: one problem (the means of `problemSeed`); `procedural`: new means each reset. */
  problems: "fixed" | "procedural";
  problemSeed: number;
  /** Pulls per episode. */
  horizon: number;
}

/**
 * K arms, one pull a step; a Bernoulli arm pays 1 with its mean's probability, a Gaussian arm its
 * mean plus N(0, 1) noise. Info of each pull: `mean` (of the pulled arm), `best_mean`, `regret`
 * (best mean − pulled mean) and `optimal` (the best arm was pulled), so learning curves need no
 * second pass. The episode is truncated after `horizon` pulls.
 */
export class MultiArmedBandit implements Environment<BanditObservation, number> {
  readonly id = "multi-armed-bandit";
  readonly actionSpace: Space;
  readonly observationSpace: Space = { kind: "box", size: 1, low: 0, high: 1 };
  readonly maxEpisodeSteps: number;
  private readonly settings: MultiArmedBanditSettings;
  private random: () => number;
  private gaussian: () => number;
  private armMeans: Float64Array;
  private pulls = 0;
  private ended = true;
  private lastArm = -1;

  constructor(settings: MultiArmedBanditSettings) {
    if (settings.means && settings.means.length !== settings.arms) {
      throw new RewardkitError("SPEC_INVALID", `means: expected ${settings.arms} values, one per arm`, {
        path: "environments.multi-armed-bandit.means",
      });
    }
    this.settings = settings;
    this.maxEpisodeSteps = settings.horizon;
    this.actionSpace = {
      kind: "discrete",
      n: settings.arms,
      labels: Array.from({ length: settings.arms }, (_, arm) => `arm ${arm}`),
    };
    this.random = streamOf(0, 1);
    this.gaussian = gaussianFrom(this.random);
    this.armMeans = this.drawMeans(settings.problemSeed);
  }

  /** The arms' means of the current problem. */
  get means(): Float64Array {
    return this.armMeans;
  }

  reset(options: { seed?: number } = {}): Reset<BanditObservation> {
    if (options.seed !== undefined) {
      this.random = streamOf(options.seed, 1);
      this.gaussian = gaussianFrom(this.random);
    }
    if (this.settings.problems === "procedural") {
      this.armMeans = this.drawMeans(options.seed ?? drawSeed(this.random));
    }
    this.pulls = 0;
    this.lastArm = -1;
    this.ended = false;
    return { observation: { pull: 0 }, info: { best_arm: argmax(this.armMeans) } };
  }

  step(arm: number): Transition<BanditObservation> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    if (!Number.isInteger(arm) || arm < 0 || arm >= this.settings.arms) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${this.id}: expected an arm 0..${this.settings.arms - 1}, received ${arm}`,
      );
    }
    const mean = this.armMeans[arm] as number;
    const reward =
      this.settings.distribution === "bernoulli" ? (this.random() < mean ? 1 : 0) : mean + this.gaussian();
    this.pulls++;
    this.lastArm = arm;
    const best = this.armMeans[argmax(this.armMeans)] as number;
    const truncated = this.pulls >= this.settings.horizon;
    this.ended = truncated;
    return {
      observation: { pull: this.pulls },
      reward,
      terminated: false,
      truncated,
      info: { mean, best_mean: best, regret: best - mean, optimal: mean === best },
    };
  }

  observationKey(observation: BanditObservation): string {
    return `pull ${observation.pull}`;
  }

  observationFeatures(observation: BanditObservation): Float64Array {
    return Float64Array.of(observation.pull / this.settings.horizon);
  }

  observationText(observation: BanditObservation): string {
    return `Pull ${observation.pull + 1} of ${this.settings.horizon}: choose one of ${this.settings.arms} arms (0-${this.settings.arms - 1}).`;
  }

  renderText(): string {
    const lines = [
      `${this.settings.arms}-armed ${this.settings.distribution} bandit, pull ${this.pulls} of ${this.settings.horizon}`,
    ];
    this.armMeans.forEach((mean, arm) => {
      lines.push(`arm ${arm}: mean ${mean.toFixed(3)}${arm === this.lastArm ? "  <- last pull" : ""}`);
    });
    return lines.join("\n");
  }

  renderSvg(): string {
    const width = 24 * this.settings.arms + 20;
    const height = 120;
    const low = Math.min(0, ...this.armMeans);
    const high = Math.max(1e-9, ...this.armMeans);
    const scale = (height - 30) / (high - low);
    const zero = height - 20 + low * scale;
    const bars = Array.from(this.armMeans, (mean, arm) => {
      const fill = arm === this.lastArm ? "#d7263d" : "#4c6ef5";
      const top = coordinate(Math.min(zero, zero - mean * scale));
      return `<rect x="${10 + arm * 24}" y="${top}" width="18" height="${coordinate(Math.abs(mean * scale))}" fill="${fill}"/>`;
    });
    return svgFrame({ width, height, title: `${this.id}: arm means`, body: bars.join("") });
  }

  private drawMeans(seed: number): Float64Array {
    if (this.settings.means) return Float64Array.from(this.settings.means);
    const random = streamOf(seed, 0);
    const gaussian = gaussianFrom(random);
    return Float64Array.from({ length: this.settings.arms }, () =>
      this.settings.distribution === "bernoulli" ? random() : gaussian(),
    );
  }
}

/** The index of the largest value (the first on ties). */
export function argmax(values: ArrayLike<number>): number {
  let best = 0;
  for (let index = 1; index < values.length; index++) {
    if ((values[index] as number) > (values[best] as number)) best = index;
  }
  return best;
}
