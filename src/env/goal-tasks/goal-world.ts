import { z } from "zod";
import { RewardkitError } from "../../core/index.js";
import { defineEnvironment } from "../definition.js";
import type { Environment, Info, Reset, Space, Transition } from "../environment.js";
import { Cell } from "../gridworld/layout.js";
import { drawSeed, streamOf } from "../seeds.js";
import { coordinate, escapeXml, svgFrame } from "../svg.js";
import {
  type GoalWorldState,
  goalSatisfied,
  goalText,
  objectColours,
  objectName,
  objectShapes,
} from "./goal.js";
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
    const { task } = observation;
    const { layout, objects } = task;
    const lines: string[] = [];
    for (let y = 0; y < layout.height; y++) {
      let line = "";
      for (let x = 0; x < layout.width; x++) {
        const cell = y * layout.width + x;
        const object = objects.findIndex(
          (_, index) => observation.positions[index] === cell && observation.held !== index,
        );
        if (cell === observation.agent) line += observation.held >= 0 ? "A*" : "A ";
        else if (layout.cells[cell] === Cell.wall) line += "##";
        else if (object >= 0) line += `${objects[object]?.colour[0]}${objects[object]?.shape[0]}`;
        else line += "..";
      }
      lines.push(line);
    }
    lines.push(`Goal: ${goalText(task.goal, objects)}.`);
    if (observation.held >= 0) lines.push(`You hold ${objectName(objects[observation.held])}.`);
    return lines.join("\n");
  }

  renderText(): string {
    return this.observationText(this.observe());
  }

  renderSvg(): string {
    const { layout, objects } = this.current;
    const size = 20;
    const colours: Record<string, string> = {
      red: "#d7263d",
      green: "#3bb273",
      blue: "#4c6ef5",
      yellow: "#f2c14e",
    };
    const parts: string[] = [];
    for (let cell = 0; cell < layout.cells.length; cell++) {
      const x = (cell % layout.width) * size;
      const y = Math.floor(cell / layout.width) * size;
      parts.push(
        `<rect x="${x}" y="${y}" width="${size}" height="${size}" fill="${layout.cells[cell] === Cell.wall ? "#4a4a4a" : "#ffffff"}" stroke="#dddddd"/>`,
      );
    }
    objects.forEach((object, index) => {
      const cell = this.positions[index] as number;
      const x = (cell % layout.width) * size + size / 2;
      const y = Math.floor(cell / layout.width) * size + size / 2;
      const fill = colours[object.colour] ?? "#888888";
      const title = `<title>${escapeXml(objectName(object))}</title>`;
      if (object.shape === "ball")
        parts.push(`<circle cx="${x}" cy="${y}" r="${size * 0.3}" fill="${fill}">${title}</circle>`);
      else if (object.shape === "cube")
        parts.push(
          `<rect x="${x - size * 0.3}" y="${y - size * 0.3}" width="${size * 0.6}" height="${size * 0.6}" fill="${fill}">${title}</rect>`,
        );
      else
        parts.push(
          `<polygon points="${coordinate(x)},${coordinate(y - size * 0.35)} ${coordinate(x + size * 0.35)},${coordinate(y + size * 0.3)} ${coordinate(x - size * 0.35)},${coordinate(y + size * 0.3)}" fill="${fill}">${title}</polygon>`,
        );
    });
    const ax = (this.agent % layout.width) * size;
    const ay = Math.floor(this.agent / layout.width) * size;
    parts.push(
      `<rect x="${ax + 1}" y="${ay + 1}" width="${size - 2}" height="${size - 2}" fill="none" stroke="#222222" stroke-width="2"/>`,
    );
    return svgFrame({
      width: layout.width * size,
      height: layout.height * size,
      title: `Goal: ${goalText(this.current.goal, objects)}`,
      body: parts.join(""),
    });
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

export const goalTasks = defineEnvironment({
  id: "goal-tasks",
  summary:
    "A procedurally generated space of goal tasks in small worlds with coloured objects (XLand-like, reconstructed): one task per seed, goals over holding and nearness.",
  papers: [
    "Open-Ended Learning Leads to Generally Capable Agents (XLand, Open-Ended Learning Team 2021)",
    "Global and Episodic Exploration Bonuses (contextual MDPs)",
  ],
  options: z.object({
    size: z.number().int().min(2).max(16).default(5).describe("Inside width and height of each world."),
    objects: z
      .number()
      .int()
      .min(1)
      .max(12)
      .default(3)
      .describe("Objects per world (distinct colour-shape pairs)."),
    walls: z.number().int().min(0).default(2).describe("Inner wall cells (the world stays connected)."),
    max_options: z
      .number()
      .int()
      .min(1)
      .max(4)
      .default(2)
      .describe("At most this many alternatives (or) in a goal."),
    max_predicates: z
      .number()
      .int()
      .min(1)
      .max(4)
      .default(2)
      .describe("At most this many predicates (and) per alternative."),
    negation: z.number().min(0).max(1).default(0.25).describe("Probability that a predicate is negated."),
    tasks: z
      .enum(["fixed", "procedural"])
      .default("procedural")
      .describe(
        "`procedural`: the task of the reset's seed; `fixed`: the task of `task_seed` every episode.",
      ),
    task_seed: z.number().int().nonnegative().default(0).describe("The task of `tasks: fixed`."),
    reward: z
      .enum(["on-success", "every-step"])
      .default("on-success")
      .describe(
        "`on-success`: 1 and the end when the goal first holds; `every-step`: 1 for every step it holds (XLand's).",
      ),
    max_episode_steps: z
      .number()
      .int()
      .positive()
      .default(50)
      .describe("Steps after which the episode is truncated."),
  }),
  build(options) {
    if (options.walls + options.objects + 1 > options.size * options.size) {
      throw new RewardkitError(
        "SPEC_INVALID",
        `${options.walls} walls and ${options.objects} objects do not fit in a ${options.size} × ${options.size} world`,
        {
          path: "environments.goal-tasks.walls",
        },
      );
    }
    return new GoalWorld({
      size: options.size,
      objects: options.objects,
      walls: options.walls,
      maxOptions: options.max_options,
      maxPredicates: options.max_predicates,
      negation: options.negation,
      tasks: options.tasks,
      taskSeed: options.task_seed,
      reward: options.reward,
      maxEpisodeSteps: options.max_episode_steps,
    });
  },
});
