import { RewardkitError } from "../../core/index.js";
import type { Environment, Info, Reset, Space, Transition } from "../environment.js";
import { drawSeed, randomInteger, streamOf } from "../seeds.js";
import {
  distractorFlag,
  GridEvent,
  type GridEventCode,
  GridFlag,
  type GridOutcome,
  gridStep,
} from "./dynamics.js";
import { Cell, type GridLayout, gridActionLabels } from "./layout.js";
import { gridSvg, gridText } from "./render.js";

/** What the agent of a gridworld sees: the whole world (by reference) and its own state in it. */
export interface GridObservation {
  readonly layout: GridLayout;
  readonly cell: number;
  /** `GridFlag` bits and one bit per collected distractor. */
  readonly flags: number;
}

export interface GridWorldSettings {
  /** The family's name, the environment's id. */
  id: string;
  /** Draws one world of the family from a generator. */
  generate: (random: () => number, layoutSeed: number) => GridLayout;
  /** Every world of the family has this size and this many distractors. */
  width: number;
  height: number;
  distractors: number;
  /** `fixed`: one world for every episode (a singleton MDP); `procedural`: a new world each reset (a contextual MDP). */
  layout: "fixed" | "procedural";
  /** The world of `layout: fixed`. */
  layoutSeed: number;
  maxEpisodeSteps: number;
  /** Probability that an action is replaced by a uniformly random one. */
  slip: number;
  /** `sparse`: 1 at the goal; `time-penalty`: 1 − 0.9·steps/maxEpisodeSteps at the goal (MiniGrid). */
  goalReward: "sparse" | "time-penalty";
  lavaReward: number;
  distractorReward: number;
  /** Half the side of the egocentric window in the features (2 → a 5×5 view). */
  viewRadius: number;
}

const eventNames: Record<GridEventCode, string> = {
  [GridEvent.moved]: "moved",
  [GridEvent.bumped]: "bumped",
  [GridEvent.reachedGoal]: "reached_goal",
  [GridEvent.fellIntoLava]: "fell_into_lava",
  [GridEvent.pickedUpKey]: "picked_up_key",
  [GridEvent.openedDoor]: "opened_door",
  [GridEvent.collectedDistractor]: "collected_distractor",
};

const captions: Partial<Record<GridEventCode, string>> = {
  [GridEvent.reachedGoal]: "You reached the goal.",
  [GridEvent.fellIntoLava]: "You fell into the lava.",
  [GridEvent.pickedUpKey]: "You picked up the key.",
  [GridEvent.openedDoor]: "You opened the door.",
  [GridEvent.collectedDistractor]: "You picked up a ball.",
};

/**
 * One frozen info per event, shared by every step (no allocation a step): wrappers that add to an
 * info copy it, and writing into one throws instead of leaking into other steps.
 */
const eventInfos: Record<GridEventCode, Info> = Object.fromEntries(
  Object.entries(eventNames).map(([code, event]) => {
    const info: Info = { event, valid: Number(code) !== GridEvent.bumped };
    const caption = captions[Number(code) as GridEventCode];
    if (caption !== undefined) info.caption = caption;
    return [code, Object.freeze(info)];
  }),
) as Record<GridEventCode, Info>;

/** Feature channels of the egocentric view. */
const viewChannels = [Cell.wall, Cell.lava, Cell.door, Cell.goal, Cell.key, Cell.distractor] as const;

/**
 * A fully observed gridworld (MiniGrid-like worlds with four compass moves): one class for every
 * family, which differ only in how they draw their worlds. Info of each step: `event` (what
 * happened: `moved`, `bumped`, `picked_up_key`...), `valid` (false when the action did nothing, for
 * SPA's grounding), `caption` (a sentence for notable events, ONI-style) and `layout`.
 */
export class GridWorld implements Environment<GridObservation, number> {
  readonly id: string;
  readonly actionSpace: Space = { kind: "discrete", n: 4, labels: gridActionLabels };
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  private readonly settings: GridWorldSettings;
  private random: () => number;
  private world: GridLayout;
  /** The agent's cell and flags now. */
  private readonly state = { cell: 0, flags: 0 };
  private steps = 0;
  private ended = true;
  private readonly outcome: GridOutcome = { cell: 0, flags: 0, event: GridEvent.moved };

  constructor(settings: GridWorldSettings) {
    this.settings = settings;
    this.id = settings.id;
    this.maxEpisodeSteps = settings.maxEpisodeSteps;
    this.random = streamOf(0, 1);
    this.world = settings.generate(streamOf(settings.layoutSeed, 0), settings.layoutSeed);
    this.state.cell = this.world.start;
    const side = 2 * settings.viewRadius + 1;
    this.observationSpace = {
      kind: "box",
      size: settings.width * settings.height + 2 + settings.distractors + side * side * viewChannels.length,
      low: 0,
      high: 1,
    };
  }

  /** The world of the current episode. */
  get layout(): GridLayout {
    return this.world;
  }

  reset(options: { seed?: number } = {}): Reset<GridObservation> {
    if (options.seed !== undefined) this.random = streamOf(options.seed, 1);
    if (this.settings.layout === "procedural") {
      const layoutSeed = options.seed ?? drawSeed(this.random);
      this.world = this.settings.generate(streamOf(layoutSeed, 0), layoutSeed);
    }
    this.state.cell = this.world.start;
    this.state.flags = 0;
    this.steps = 0;
    this.ended = false;
    return { observation: this.observe(), info: { layout: this.world.id } };
  }

  step(action: number): Transition<GridObservation> {
    if (this.ended) {
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    }
    if (!Number.isInteger(action) || action < 0 || action > 3) {
      throw new RewardkitError("INPUT_INVALID", `${this.id}: expected an action 0..3, received ${action}`);
    }
    let chosen = action;
    if (this.settings.slip > 0 && this.random() < this.settings.slip) chosen = randomInteger(this.random, 4);
    const outcome = gridStep(this.world, this.state, chosen, this.outcome);
    this.state.cell = outcome.cell;
    this.state.flags = outcome.flags;
    this.steps++;
    let reward = 0;
    let terminated = false;
    if (outcome.event === GridEvent.reachedGoal) {
      terminated = true;
      reward =
        this.settings.goalReward === "sparse" ? 1 : 1 - (0.9 * this.steps) / this.settings.maxEpisodeSteps;
    } else if (outcome.event === GridEvent.fellIntoLava) {
      terminated = true;
      reward = this.settings.lavaReward;
    } else if (outcome.event === GridEvent.collectedDistractor) {
      reward = this.settings.distractorReward;
    }
    const truncated = !terminated && this.steps >= this.settings.maxEpisodeSteps;
    this.ended = terminated || truncated;
    return { observation: this.observe(), reward, terminated, truncated, info: eventInfos[outcome.event] };
  }

  observationKey(observation: GridObservation): string {
    return `${observation.layout.id}|${observation.cell}|${observation.flags}`;
  }

  /**
   * One-hot position, the carried key and open door, one value per collected distractor, then an
   * egocentric window (`viewRadius`) with one channel per object type (wall, lava, locked door, goal,
   * key, distractor) — the window is what lets an agent act in worlds it has never seen.
   */
  observationFeatures(observation: GridObservation): Float64Array {
    const { layout, cell, flags } = observation;
    const { width, height, distractors, viewRadius } = this.settings;
    const features = new Float64Array(this.observationSpace.kind === "box" ? this.observationSpace.size : 0);
    features[cell] = 1;
    let offset = width * height;
    features[offset++] = (flags & GridFlag.carryingKey) !== 0 ? 1 : 0;
    features[offset++] = (flags & GridFlag.doorOpen) !== 0 ? 1 : 0;
    for (let index = 0; index < distractors; index++) {
      features[offset++] = (flags & distractorFlag(index)) !== 0 ? 1 : 0;
    }
    const x = cell % layout.width;
    const y = (cell - x) / layout.width;
    for (let dy = -viewRadius; dy <= viewRadius; dy++) {
      for (let dx = -viewRadius; dx <= viewRadius; dx++) {
        const seenX = x + dx;
        const seenY = y + dy;
        let type: number = Cell.wall;
        if (seenX >= 0 && seenY >= 0 && seenX < layout.width && seenY < layout.height) {
          const seen = seenY * layout.width + seenX;
          type = visibleType(layout, seen, flags);
        }
        const channel = viewChannels.indexOf(type as (typeof viewChannels)[number]);
        if (channel >= 0) features[offset + channel] = 1;
        offset += viewChannels.length;
      }
    }
    return features;
  }

  observationText(observation: GridObservation): string {
    return gridText(observation.layout, observation);
  }

  renderText(): string {
    return gridText(this.world, this.state);
  }

  renderSvg(): string {
    return gridSvg(this.world, this.state);
  }

  private observe(): GridObservation {
    return { layout: this.world, cell: this.state.cell, flags: this.state.flags };
  }
}

/** What a cell shows given the flags: collected objects and an open door read as floor. */
function visibleType(layout: GridLayout, cell: number, flags: number): number {
  const type = layout.cells[cell] as number;
  if (type === Cell.key && (flags & GridFlag.carryingKey) !== 0) return Cell.floor;
  if (type === Cell.door && (flags & GridFlag.doorOpen) !== 0) return Cell.floor;
  if (type === Cell.distractor && (flags & distractorFlag(layout.distractorIndex[cell] as number)) !== 0) {
    return Cell.floor;
  }
  return type;
}
