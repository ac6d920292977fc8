import { RewardkitError } from "../../core/index.js";
import type { Space } from "../environment.js";
import type {
  MultiAgentEnvironment,
  MultiAgentReset,
  MultiAgentTransition,
} from "../multi-agent-environment.js";
import { shuffleInPlace, streamOf } from "../seeds.js";
import { escapeXml, svgFrame } from "../svg.js";
import { type PayoffTable, payoffOf } from "./payoff-tables.js";

/** What one agent sees before a round (memory one: the last game it played and its partner's last move). */
export interface MatrixGameObservation {
  readonly agent: number;
  /** Whom the agent plays this round (-1: sits out, an odd population). */
  readonly partner: number;
  /** The agent's own last action (-1: none yet). */
  readonly ownLast: number;
  /** What its last opponent played against it (-1: none yet). */
  readonly opponentLast: number;
  /** What this round's partner played in its own last game: a one-step reputation trace (-1: none). */
  readonly partnerLast: number;
}

export interface MatrixGameSettings {
  table: PayoffTable;
  name: string;
  agents: number;
  rounds: number;
}

/**
 * A repeated two-player matrix game for a population: every round the agents are matched in random
 * pairs (two agents always play each other; with an odd count one sits out and gets 0) and each pair
 * plays the table; the lower-numbered agent is the row player. Rewards are per agent; the episode
 * terminates after `rounds`. Info: `round`, `pairs`, `actions`, `action_counts`.
 */
export class MatrixGame implements MultiAgentEnvironment<MatrixGameObservation, number> {
  readonly id: string;
  readonly agentCount: number;
  readonly actionSpace: Space;
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  private readonly settings: MatrixGameSettings;
  private random: () => number;
  private round = 0;
  private ended = true;
  private readonly partners: Int32Array;
  private readonly ownLast: Int32Array;
  private readonly opponentLast: Int32Array;
  private readonly totals: Float64Array;

  constructor(settings: MatrixGameSettings) {
    const actions = settings.table.labels.length;
    if (
      settings.table.payoffs.length !== actions ||
      settings.table.payoffs.some((row) => row.length !== actions)
    ) {
      throw new RewardkitError(
        "SPEC_INVALID",
        `payoffs: expected a ${actions} × ${actions} table of [row, column] pairs`,
        {
          path: "environments.matrix-game.payoffs",
        },
      );
    }
    this.settings = settings;
    this.id = settings.name;
    this.agentCount = settings.agents;
    this.maxEpisodeSteps = settings.rounds;
    this.actionSpace = { kind: "discrete", n: actions, labels: settings.table.labels };
    this.observationSpace = { kind: "box", size: 3 * (actions + 1), low: 0, high: 1 };
    this.random = streamOf(0, 1);
    this.partners = new Int32Array(settings.agents).fill(-1);
    this.ownLast = new Int32Array(settings.agents).fill(-1);
    this.opponentLast = new Int32Array(settings.agents).fill(-1);
    this.totals = new Float64Array(settings.agents);
  }

  reset(options: { seed?: number } = {}): MultiAgentReset<MatrixGameObservation> {
    if (options.seed !== undefined) this.random = streamOf(options.seed, 1);
    this.round = 0;
    this.ended = false;
    this.ownLast.fill(-1);
    this.opponentLast.fill(-1);
    this.totals.fill(0);
    this.matchPairs();
    return { observations: this.observe(), info: { round: 0 } };
  }

  step(actions: ArrayLike<number>): MultiAgentTransition<MatrixGameObservation> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    const n = this.settings.table.labels.length;
    if (actions.length !== this.agentCount) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${this.id}: expected ${this.agentCount} actions, received ${actions.length}`,
      );
    }
    for (let agent = 0; agent < this.agentCount; agent++) {
      const action = actions[agent] as number;
      if (!Number.isInteger(action) || action < 0 || action >= n) {
        throw new RewardkitError(
          "INPUT_INVALID",
          `${this.id}: agent ${agent}: expected an action 0..${n - 1}, received ${action}`,
        );
      }
    }
    const rewards = new Float64Array(this.agentCount);
    const pairs: [number, number][] = [];
    for (let agent = 0; agent < this.agentCount; agent++) {
      const partner = this.partners[agent] as number;
      if (partner < agent) continue; // sits out, or already played as the column player
      const [rowPayoff, columnPayoff] = payoffOf(
        this.settings.table,
        actions[agent] as number,
        actions[partner] as number,
      );
      rewards[agent] = rowPayoff;
      rewards[partner] = columnPayoff;
      pairs.push([agent, partner]);
    }
    const counts = new Array<number>(n).fill(0);
    for (let agent = 0; agent < this.agentCount; agent++) {
      const partner = this.partners[agent] as number;
      this.totals[agent] = (this.totals[agent] as number) + (rewards[agent] as number);
      if (partner < 0) continue;
      this.ownLast[agent] = actions[agent] as number;
      this.opponentLast[agent] = actions[partner] as number;
      counts[actions[agent] as number] = (counts[actions[agent] as number] as number) + 1;
    }
    const played = this.round;
    this.round++;
    const terminated = this.round >= this.settings.rounds;
    this.ended = terminated;
    if (!terminated) this.matchPairs();
    return {
      observations: this.observe(),
      rewards,
      terminated,
      truncated: false,
      info: { round: played, pairs, actions: Array.from(actions), action_counts: counts },
    };
  }

  observationKey(observation: MatrixGameObservation): string {
    const { agent, partner, ownLast, opponentLast, partnerLast } = observation;
    return `${agent}|${partner}|${ownLast}|${opponentLast}|${partnerLast}`;
  }

  /** One-hot own last action, last opponent's action and partner's last action (each with a "none" slot). */
  observationFeatures(observation: MatrixGameObservation): Float64Array {
    const slots = this.settings.table.labels.length + 1;
    const features = new Float64Array(3 * slots);
    features[observation.ownLast + 1] = 1;
    features[slots + observation.opponentLast + 1] = 1;
    features[2 * slots + observation.partnerLast + 1] = 1;
    return features;
  }

  observationText(observation: MatrixGameObservation): string {
    const label = (action: number) => this.settings.table.labels[action] ?? "nothing";
    if (observation.partner < 0) return `You are agent ${observation.agent}. You sit out this round.`;
    const parts = [`You are agent ${observation.agent} and play agent ${observation.partner} this round.`];
    if (observation.ownLast >= 0) {
      parts.push(
        `In your last game you played ${label(observation.ownLast)} and your opponent played ${label(observation.opponentLast)}.`,
      );
    }
    if (observation.partnerLast >= 0)
      parts.push(`Agent ${observation.partner} last played ${label(observation.partnerLast)}.`);
    parts.push(`Choose: ${this.settings.table.labels.join(" or ")}.`);
    return parts.join(" ");
  }

  renderText(): string {
    const { labels } = this.settings.table;
    const lines = [`${this.id}, round ${this.round} of ${this.settings.rounds}`, `payoffs (row, column):`];
    labels.forEach((rowLabel, row) => {
      const cells = labels.map((_, column) => payoffOf(this.settings.table, row, column).join(", "));
      lines.push(`  ${rowLabel}: ${cells.map((cell) => `(${cell})`).join("  ")}`);
    });
    for (let agent = 0; agent < this.agentCount; agent++) {
      const last = this.ownLast[agent] as number;
      lines.push(
        `agent ${agent}: total ${(this.totals[agent] as number).toFixed(2)}, last ${last >= 0 ? labels[last] : "-"}`,
      );
    }
    return lines.join("\n");
  }

  renderSvg(): string {
    const { labels } = this.settings.table;
    const size = 22;
    const colours = ["#3bb273", "#e4572e", "#4c6ef5", "#f2c14e", "#8e44ad"];
    const cells = Array.from({ length: this.agentCount }, (_, agent) => {
      const last = this.ownLast[agent] as number;
      const fill = last < 0 ? "#dddddd" : (colours[last % colours.length] as string);
      return `<rect x="${10 + agent * size}" y="10" width="${size - 2}" height="${size - 2}" fill="${fill}"><title>${escapeXml(`agent ${agent}: ${last < 0 ? "-" : labels[last]}`)}</title></rect>`;
    });
    return svgFrame({
      width: 20 + this.agentCount * size,
      height: 20 + size,
      title: `${this.id}: last actions`,
      body: cells.join(""),
    });
  }

  private matchPairs(): void {
    this.partners.fill(-1);
    const order = Array.from({ length: this.agentCount }, (_, agent) => agent);
    if (this.agentCount > 2) shuffleInPlace(order, this.random);
    for (let index = 0; index + 1 < order.length; index += 2) {
      const first = order[index] as number;
      const second = order[index + 1] as number;
      this.partners[first] = second;
      this.partners[second] = first;
    }
  }

  private observe(): MatrixGameObservation[] {
    return Array.from({ length: this.agentCount }, (_, agent) => {
      const partner = this.partners[agent] as number;
      return {
        agent,
        partner,
        ownLast: this.ownLast[agent] as number,
        opponentLast: this.opponentLast[agent] as number,
        partnerLast: partner < 0 ? -1 : (this.ownLast[partner] as number),
      };
    });
  }
}
