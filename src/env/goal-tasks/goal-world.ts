import { RewardkitError } from "../../core/index.js";
import type { Environment, Info, Reset, Space, Transition } from "../environment.js";
import { Cell } from "../gridworld/layout.js";
import { drawSeed, streamOf } from "../seeds.js";
import {
  type GoalWorldState,
  goalSatisfied,
  goalText,
  objectColours,
  objectName,
  objectShapes,
} from "./goal.js";
import { goalWorldSvg, goalWorldText } from "./goal-render.js";
import { type GoalTask, type GoalTaskShape, generateGoalTask } from "./goal-task.js";

/** What the agent sees: the task (world, objects, goal) and where everything is now. */
export interface GoalObservation extends GoalWorldState {
  readonly task: GoalTask;
}

export const goalActionLabels = ["up", "right", "down", "left", "pick up", "drop"] as const;

export interface GoalWorldSettings extends GoalTaskShape {
  tasks: "fixed" | "procedural";
  taskSeed: number;
  /** `on-success`: reward 1 and the episode ends when the goal first holds; `every-step`: 1 for every step it holds (XLand). */
  reward: "on-success" | "every-step";
  maxEpisodeSteps: number;
}

/**
 * A procedurally generated family of goal tasks (XLand-like, reconstructed at grid scale): each task
 * is a small world with coloured objects and a goal over them in XLand's form (options of predicates:
 * hold, be near, put near, and their negations). The agent moves with four compass moves, picks up
 * the object on its cell and drops what it holds on a free cell. `reset({ seed })` draws the task of
 * the seed (a curriculum samples seeds); info of each step: `satisfied`, `event`, `caption`, `task`.
 */
export class GoalWorld implements Environment<GoalObservation, number> {
  readonly id = "goal-tasks";
  readonly actionSpace: Space = { kind: "discrete", n: 6, labels: goalActionLabels };
  readonly observationSpace: Space;
  readonly maxEpisodeSteps: number;
  private readonly settings: GoalWorldSettings;
  private random: () => number;
  private current: GoalTask;
  private agent = 0;
  private held = -1;
  private positions: Int32Array;
  private steps = 0;
  private ended = true;

  constructor(settings: GoalWorldSettings) {
    this.settings = settings;
    this.maxEpisodeSteps = settings.maxEpisodeSteps;
    const cells = (settings.size + 2) ** 2;
    const objectSlot = cells + 1 + objectColours.length + objectShapes.length;
    const predicateSlot = 5 + 2 * settings.objects;
    this.observationSpace = {
      kind: "box",
      size:
        cells + settings.objects * objectSlot + settings.maxOptions * settings.maxPredicates * predicateSlot,
      low: 0,
      high: 1,
    };
    this.random = streamOf(0, 1);
    this.current = this.draw(settings.taskSeed);
    this.positions = this.current.objectStarts.slice();
  }

  /** The task of the current episode. */
  get task(): GoalTask {
    return this.current;
  }

  /** The task a seed draws (what `reset({ seed })` plays), without starting an episode. */
  taskOf(seed: number): GoalTask {
    return this.draw(seed);
  }

  reset(options: { seed?: number } = {}): Reset<GoalObservation> {
    if (options.seed !== undefined) this.random = streamOf(options.seed, 1);
    if (this.settings.tasks === "procedural") this.current = this.draw(options.seed ?? drawSeed(this.random));
    this.agent = this.current.layout.start;
    this.held = -1;
    this.positions = this.current.objectStarts.slice();
    this.steps = 0;
    this.ended = false;
    return {
      observation: this.observe(),
      info: { task: this.current.id, goal: goalText(this.current.goal, this.current.objects) },
    };
  }

  step(action: number): Transition<GoalObservation> {
    if (this.ended)
      throw new RewardkitError("STATE_ERROR", `${this.id}: step after the episode ended; call reset first`);
    if (!Number.isInteger(action) || action < 0 || action > 5) {
      throw new RewardkitError("INPUT_INVALID", `${this.id}: expected an action 0..5, received ${action}`);
    }
    const { layout, objects } = this.current;
    const info: Info = { task: this.current.id };
    if (action < 4) {
      const target = layout.moves[this.agent * 4 + action] as number;
      if (layout.cells[target] === Cell.wall) info.event = "bumped";
      else {
        this.agent = target;
        if (this.held >= 0) this.positions[this.held] = target;
        info.event = "moved";
      }
    } else if (action === 4) {
      const here = this.objectAt(this.agent);
      if (this.held < 0 && here >= 0) {
        this.held = here;
        info.event = "picked_up";
        info.caption = `You picked up ${objectName(objects[here])}.`;
      } else info.event = "nothing";
    } else {
      const other = this.objectAt(this.agent, this.held);
      if (this.held >= 0 && other < 0) {
        info.caption = `You dropped ${objectName(objects[this.held])}.`;
        this.held = -1;
        info.event = "dropped";
      } else info.event = "nothing";
    }
    info.valid = info.event !== "bumped" && info.event !== "nothing";
    this.steps++;
    const satisfied = goalSatisfied(
      this.current.goal,
      { agent: this.agent, held: this.held, positions: this.positions },
      layout.width,
    );
    info.satisfied = satisfied;
    const onSuccess = this.settings.reward === "on-success";
    const terminated = onSuccess && satisfied;
    const truncated = !terminated && this.steps >= this.settings.maxEpisodeSteps;
    this.ended = terminated || truncated;
    return { observation: this.observe(), reward: satisfied ? 1 : 0, terminated, truncated, info };
  }

  observationKey(observation: GoalObservation): string {
    return `${observation.task.id}|${observation.agent}|${observation.held}|${observation.positions.join(",")}`;
  }

  /**
   * The agent's cell one-hot; per object slot: its cell one-hot, held, colour and shape one-hot; per
   * goal slot (option × predicate): present, negated, kind one-hot (hold, near-agent, near), object and
   * other object one-hot.
   */
  observationFeatures(observation: GoalObservation): Float64Array {
    const { task } = observation;
    const cells = task.layout.cells.length;
    const features = new Float64Array(this.observationSpace.kind === "box" ? this.observationSpace.size : 0);
    features[observation.agent] = 1;
    let offset = cells;
    task.objects.forEach((object, index) => {
      features[offset + (observation.positions[index] as number)] = 1;
      features[offset + cells] = observation.held === index ? 1 : 0;
      features[offset + cells + 1 + objectColours.indexOf(object.colour as (typeof objectColours)[number])] =
        1;
      features[
        offset +
          cells +
          1 +
          objectColours.length +
          objectShapes.indexOf(object.shape as (typeof objectShapes)[number])
      ] = 1;
      offset += cells + 1 + objectColours.length + objectShapes.length;
    });
    const slot = 5 + 2 * this.settings.objects;
    for (let option = 0; option < this.settings.maxOptions; option++) {
      for (let position = 0; position < this.settings.maxPredicates; position++) {
        const predicate = task.goal[option]?.[position];
        const base = offset + (option * this.settings.maxPredicates + position) * slot;
        if (!predicate) continue;
        features[base] = 1;
        features[base + 1] = predicate.negated ? 1 : 0;
        features[base + 2 + ["hold", "near-agent", "near"].indexOf(predicate.kind)] = 1;
        features[base + 5 + predicate.object] = 1;
        if (predicate.kind === "near") features[base + 5 + this.settings.objects + predicate.other] = 1;
      }
    }
    return features;
  }

  /** The world two characters a cell (`##` wall, `..` floor, `A ` agent, `rc` the red cube...), the goal, what is held. */
  observationText(observation: GoalObservation): string {
    return goalWorldText(observation);
  }

  renderText(): string {
    return goalWorldText(this.observe());
  }

  renderSvg(): string {
    return goalWorldSvg(this.observe());
  }

  private draw(seed: number): GoalTask {
    return generateGoalTask(streamOf(seed, 0), this.settings, `goal-tasks/${seed}`);
  }

  /** The object lying (not held) on a cell, other than `except`, or -1. */
  private objectAt(cell: number, except = -1): number {
    for (let index = 0; index < this.positions.length; index++) {
      if (index !== this.held && index !== except && this.positions[index] === cell) return index;
    }
    return -1;
  }

  private observe(): GoalObservation {
    return { task: this.current, agent: this.agent, held: this.held, positions: this.positions.slice() };
  }
}
