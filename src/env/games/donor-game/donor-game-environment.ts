import { RewardkitError } from "../../../core/index.js";
import { mulberry32 } from "../../../core/random.js";
import type { Environment, Reset, Space, Transition } from "../../environment.js";
import { shuffleInPlace } from "../../seeds.js";
import { coordinate, svgFrame } from "../../svg.js";
import { applyDonorAction, type DonorAction } from "./donor-rules.js";
import { type TraceEntry, traceStanding, traceText } from "./donor-trace.js";
import { type DonorStrategy, scriptedDonorAction } from "./scripted-donors.js";

/** What the learner sees when it is the donor. */
export interface DonorObservation {
  readonly round: number;
  readonly resources: number;
  readonly recipient: number;
  /** The recipient's last actions (empty when traces are hidden or it has none). */
  readonly recipientTrace: readonly TraceEntry[];
}

export interface DonorGameSettings {
  agents: number;
  rounds: number;
  endowment: number;
  multiplier: number;
  traceDepth: number;
  tracesVisible: boolean;
  punishment: boolean;
  punishmentEffect: number;
  /** Donation levels 0, 1/(levels−1), ..., 1 of the learner's resources. */
  levels: number;
}

/**
 * One generation of the Donor Game (Vallinder & Hughes; §24) from seat 0: the other agents are
 * scripted donors whose strategies (generosity, reciprocity, punitiveness) are drawn uniformly for
 * each episode's seed; each round the agents form a random cycle and each donates to the next. The
 * learner acts on its donor turns (a share of its resources, or with punishment a share spent
 * punishing); the reward is the change of its resources since its previous turn, so an episode's
 * return is its final resources minus the endowment. Info: `round`, `resources`, `given`.
 */
export class DonorGameEnvironment implements Environment<DonorObservation, number> {
  readonly id = "donor-game";
  readonly actionSpace: Space;
  readonly observationSpace: Space = { kind: "box", size: 4 };
  readonly maxEpisodeSteps: number;
  private readonly settings: DonorGameSettings;
  private strategies: DonorStrategy[] = [];
  private resources: number[] = [];
  private history: TraceEntry[][] = [];
  private order: number[] = [];
  private next: () => number = mulberry32(0);
  private round = 0;
  private position = 0;
  private lastResources = 0;
  private ended = true;

  constructor(settings: DonorGameSettings) {
    this.settings = settings;
    this.maxEpisodeSteps = settings.rounds;
    const shares = Array.from({ length: settings.levels }, (_, level) => level / (settings.levels - 1));
    const labels = [
      ...shares.map((share) => `donate ${Math.round(share * 100)}%`),
      ...(settings.punishment ? shares.slice(1).map((share) => `punish ${Math.round(share * 100)}%`) : []),
    ];
    this.actionSpace = { kind: "discrete", n: labels.length, labels };
  }

  reset(options: { seed?: number } = {}): Reset<DonorObservation> {
    this.next = mulberry32(options.seed ?? 0);
    const draw = () => this.next();
    this.strategies = Array.from({ length: this.settings.agents }, () => ({
      generosity: draw(),
      reciprocity: draw(),
      punitiveness: this.settings.punishment ? draw() : 0,
    }));
    this.resources = new Array<number>(this.settings.agents).fill(this.settings.endowment);
    this.history = Array.from({ length: this.settings.agents }, () => []);
    this.round = 0;
    this.ended = false;
    // Gifts received before the learner's first turn count in its first reward.
    this.lastResources = this.settings.endowment;
    this.startRound();
    this.advance();
    return { observation: this.observe(), info: { round: this.round } };
  }

  step(action: number): Transition<DonorObservation> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    if (!Number.isInteger(action) || action < 0 || action >= (this.actionSpace as { n: number }).n) {
      throw new RewardkitError(
        "INPUT_INVALID",
        `${this.id}: action must be an integer in [0, ${(this.actionSpace as { n: number }).n})`,
      );
    }
    const levels = this.settings.levels;
    const share = action < levels ? action / (levels - 1) : (action - levels + 1) / (levels - 1);
    const kind: DonorAction["kind"] = action < levels ? "donate" : "punish";
    this.act(0, { kind, amount: share * (this.resources[0] as number) });
    this.position++;
    this.advance();
    const reward = (this.resources[0] as number) - this.lastResources;
    this.lastResources = this.resources[0] as number;
    return {
      observation: this.observe(),
      reward,
      terminated: this.ended,
      truncated: false,
      info: {
        round: this.round,
        resources: this.resources[0] as number,
        given: kind === "donate" ? share : -share,
      },
    };
  }

  observationKey(observation: DonorObservation): string {
    const standing = traceStanding(observation.recipientTrace);
    return standing === undefined ? "unknown" : `standing ${Math.round(standing * 4) / 4}`;
  }

  observationFeatures(observation: DonorObservation): Float64Array {
    const standing = traceStanding(observation.recipientTrace);
    return Float64Array.from([
      observation.round / this.settings.rounds,
      standing ?? -1,
      Math.log10(Math.max(1e-6, observation.resources)),
      observation.recipientTrace.length / this.settings.traceDepth,
    ]);
  }

  observationText(observation: DonorObservation): string {
    const names = Array.from({ length: this.settings.agents }, (_, index) =>
      index === 0 ? "You" : `Agent ${index + 1}`,
    );
    const known = this.settings.tracesVisible ? `\n${traceText(observation.recipientTrace, names)}` : "";
    return `Round ${observation.round} of ${this.settings.rounds}: you have ${observation.resources.toFixed(2)} units and are the donor; the recipient is ${names[observation.recipient]}.${known}`;
  }

  renderText(): string {
    return this.resources
      .map((value, index) => `${index === 0 ? "you" : `agent ${index + 1}`}: ${value.toFixed(2)}`)
      .join("\n");
  }

  /** Each agent's resources as bars (log scale; the learner's bar is blue). */
  renderSvg(): string {
    const height = 90;
    const top = Math.max(1, ...this.resources.map((value) => Math.log10(1 + value)));
    const bars = this.resources.map((value, index) => {
      const length = ((height - 20) * Math.log10(1 + value)) / top;
      return `<rect x="${10 + index * 16}" y="${coordinate(height - 10 - length)}" width="12" height="${coordinate(length)}" fill="${index === 0 ? "#3366cc" : "#3bb273"}"/>`;
    });
    return svgFrame({
      width: 20 + this.resources.length * 16,
      height,
      title: `donor game, round ${this.round} of ${this.settings.rounds}: resources`,
      body: bars.join(""),
    });
  }

  /** Plays the scripted donors until it is the learner's turn or the generation ends. */
  private advance(): void {
    for (;;) {
      if (this.position >= this.order.length) {
        if (this.round >= this.settings.rounds) {
          this.ended = true;
          return;
        }
        this.startRound();
      }
      const donor = this.order[this.position] as number;
      if (donor === 0) return;
      const recipient = this.recipientOf(this.position);
      this.act(
        donor,
        scriptedDonorAction(
          this.strategies[donor] as DonorStrategy,
          {
            generation: 1,
            round: this.round,
            donor,
            recipient,
            donorResources: this.resources[donor] as number,
            recipientTrace: this.visibleTrace(recipient),
          },
          this.settings.punishment,
        ),
      );
      this.position++;
    }
  }

  private startRound(): void {
    this.round++;
    this.position = 0;
    this.order = shuffleInPlace(
      Array.from({ length: this.settings.agents }, (_, index) => index),
      this.next,
    );
  }

  private recipientOf(position: number): number {
    return this.order[(position + 1) % this.order.length] as number;
  }

  private visibleTrace(recipient: number): TraceEntry[] | undefined {
    return this.settings.tracesVisible
      ? (this.history[recipient] as TraceEntry[]).slice(-this.settings.traceDepth)
      : undefined;
  }

  private act(donor: number, action: DonorAction): void {
    const recipient = this.recipientOf(this.position);
    const before = this.resources[donor] as number;
    const exchange = applyDonorAction({
      donor: before,
      recipient: this.resources[recipient] as number,
      action,
      multiplier: this.settings.multiplier,
      punishmentEffect: this.settings.punishmentEffect,
    });
    this.resources[donor] = exchange.donor;
    this.resources[recipient] = exchange.recipient;
    (this.history[donor] as TraceEntry[]).push({
      generation: 1,
      round: this.round,
      donor,
      recipient,
      kind: action.kind,
      fraction: before > 0 ? exchange.spent / before : 0,
      recipientStanding: traceStanding(
        (this.history[recipient] as TraceEntry[]).slice(-this.settings.traceDepth),
      ),
    });
  }

  private observe(): DonorObservation {
    const recipient = this.ended ? 0 : this.recipientOf(this.position);
    return {
      round: this.round,
      resources: this.resources[0] as number,
      recipient,
      recipientTrace: this.ended ? [] : (this.visibleTrace(recipient) ?? []),
    };
  }
}
