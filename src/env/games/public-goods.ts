import { RewardkitError } from "../../core/index.js";
import type { Space } from "../environment.js";
import type {
  MultiAgentEnvironment,
  MultiAgentReset,
  MultiAgentTransition,
} from "../multi-agent-environment.js";
import { coordinate, svgFrame } from "../svg.js";

/** What one agent sees before a round: its own last contribution level and the others' mean. */
export interface PublicGoodsObservation {
  readonly agent: number;
  /** The agent's last contribution level (-1: none yet). */
  readonly ownLast: number;
  /** The other agents' mean last contribution as a fraction of the endowment (-1: none yet). */
  readonly othersLast: number;
}

export interface PublicGoodsSettings {
  agents: number;
  endowment: number;
  multiplier: number;
  levels: number;
  rounds: number;
}

/**
 * The repeated linear public goods game: each round every agent receives `endowment` e and puts a
 * share of it (level k of `levels` − 1, i.e. c = e·k/(levels − 1)) into a common pot; the pot is
 * multiplied by r and shared equally, so agent i earns e − c_i + r·Σ_j c_j / N. With 1 < r < N every
 * contribution costs its giver (the dilemma) while full contribution maximizes the group's total.
 * Info: `round`, `contributions`, `pot`, `mean_contribution` (fraction of the endowment).
 */
export class PublicGoodsGame implements MultiAgentEnvironment<PublicGoodsObservation, number> {
  readonly id = "public-goods";
  readonly agentCount: number;
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  private readonly settings: PublicGoodsSettings;
  private round = 0;
  private ended = true;
  private readonly last: Int32Array;
  private readonly totals: Float64Array;

  constructor(settings: PublicGoodsSettings) {
    this.settings = settings;
    this.agentCount = settings.agents;
    this.maxEpisodeSteps = settings.rounds;
    this.actionSpace = {
      kind: "discrete",
      n: settings.levels,
      labels: Array.from({ length: settings.levels }, (_, level) => `contribute ${this.contribution(level)}`),
    };
    this.observationSpace = { kind: "box", size: settings.levels + 3, low: 0, high: 1 };
    this.last = new Int32Array(settings.agents).fill(-1);
    this.totals = new Float64Array(settings.agents);
  }

  /** The amount a contribution level puts in the pot. */
  contribution(level: number): number {
    return (this.settings.endowment * level) / (this.settings.levels - 1);
  }

  reset(_options: { seed?: number } = {}): MultiAgentReset<PublicGoodsObservation> {
    this.round = 0;
    this.ended = false;
    this.last.fill(-1);
    this.totals.fill(0);
    return { observations: this.observe(), info: { round: 0 } };
  }

  step(actions: ArrayLike<number>): MultiAgentTransition<PublicGoodsObservation> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    if (actions.length !== this.agentCount) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${this.id}: expected ${this.agentCount} actions, received ${actions.length}`,
      );
    }
    const { agents, endowment, multiplier, levels } = this.settings;
    const contributions = new Array<number>(agents);
    let pot = 0;
    for (let agent = 0; agent < agents; agent++) {
      const level = actions[agent] as number;
      if (!Number.isInteger(level) || level < 0 || level >= levels) {
        throw new RewardkitError(
          "INPUT_INVALID",
          `${this.id}: agent ${agent}: expected a level 0..${levels - 1}, received ${level}`,
        );
      }
      contributions[agent] = this.contribution(level);
      pot += contributions[agent] as number;
    }
    const share = (multiplier * pot) / agents;
    const rewards = new Float64Array(agents);
    for (let agent = 0; agent < agents; agent++) {
      rewards[agent] = endowment - (contributions[agent] as number) + share;
      this.totals[agent] = (this.totals[agent] as number) + (rewards[agent] as number);
      this.last[agent] = actions[agent] as number;
    }
    const played = this.round;
    this.round++;
    this.ended = this.round >= this.settings.rounds;
    return {
      observations: this.observe(),
      rewards,
      terminated: this.ended,
      truncated: false,
      info: { round: played, contributions, pot, mean_contribution: pot / (agents * endowment) },
    };
  }

  observationKey(observation: PublicGoodsObservation): string {
    return `${observation.agent}|${observation.ownLast}|${observation.othersLast}`;
  }

  /** One-hot own last level (with a "none" slot), the others' mean fraction, and whether there is history. */
  observationFeatures(observation: PublicGoodsObservation): Float64Array {
    const features = new Float64Array(this.settings.levels + 3);
    features[observation.ownLast + 1] = 1;
    features[this.settings.levels + 1] = Math.max(0, observation.othersLast);
    features[this.settings.levels + 2] = observation.othersLast >= 0 ? 1 : 0;
    return features;
  }

  observationText(observation: PublicGoodsObservation): string {
    const { endowment, multiplier, agents } = this.settings;
    const rules = `You are agent ${observation.agent} of ${agents}. You receive ${endowment} each round; the pot is multiplied by ${multiplier} and shared equally.`;
    if (observation.ownLast < 0) return `${rules} Choose how much to contribute.`;
    const others = (observation.othersLast * endowment).toFixed(2);
    return `${rules} Last round you contributed ${this.contribution(observation.ownLast)}; the others contributed ${others} on average. Choose how much to contribute.`;
  }

  renderText(): string {
    const lines = [
      `public goods, round ${this.round} of ${this.settings.rounds} (r = ${this.settings.multiplier})`,
    ];
    for (let agent = 0; agent < this.agentCount; agent++) {
      const level = this.last[agent] as number;
      lines.push(
        `agent ${agent}: last ${level < 0 ? "-" : this.contribution(level)}, total ${(this.totals[agent] as number).toFixed(2)}`,
      );
    }
    return lines.join("\n");
  }

  renderSvg(): string {
    const height = 80;
    const bars = Array.from({ length: this.agentCount }, (_, agent) => {
      const level = Math.max(0, this.last[agent] as number);
      const length = ((height - 20) * level) / (this.settings.levels - 1);
      return `<rect x="${10 + agent * 16}" y="${coordinate(height - 10 - length)}" width="12" height="${coordinate(length)}" fill="#3bb273"/>`;
    });
    return svgFrame({
      width: 20 + this.agentCount * 16,
      height,
      title: "public goods: last contributions",
      body: bars.join(""),
    });
  }

  private observe(): PublicGoodsObservation[] {
    const { agents, endowment } = this.settings;
    let total = 0;
    for (let agent = 0; agent < agents; agent++)
      total += Math.max(0, this.contribution(this.last[agent] as number));
    return Array.from({ length: agents }, (_, agent) => {
      const own = this.last[agent] as number;
      if (own < 0) return { agent, ownLast: -1, othersLast: -1 };
      const others = (total - this.contribution(own)) / ((agents - 1) * endowment);
      return { agent, ownLast: own, othersLast: others };
    });
  }
}
