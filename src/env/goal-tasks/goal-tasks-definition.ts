import { z } from "zod";
import { RewardkitError } from "../../core/index.js";
import { defineEnvironment } from "../definition.js";
import { GoalWorld } from "./goal-world.js";

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
