import { describe, expect, it } from "vitest";
import { buildFromDefinition } from "../definition.js";
import { contradictory, type Goal, goalSatisfied, goalText, predicateHolds } from "./goal.js";
import { goalTasks } from "./goal-tasks-definition.js";
import type { GoalWorld } from "./goal-world.js";

const make = (options: Record<string, unknown> = {}) => buildFromDefinition(goalTasks, options) as GoalWorld;

/** Breadth-first search over action sequences replayed from the reset: the shortest plan, or undefined. */
function shortestPlan(world: GoalWorld, seed: number): number[] | undefined {
  const start = world.reset({ seed });
  const seen = new Set([world.observationKey(start.observation)]);
  let frontier: number[][] = [[]];
  for (let depth = 0; depth < 20 && frontier.length > 0; depth++) {
    const next: number[][] = [];
    for (const plan of frontier) {
      for (let action = 0; action < 6; action++) {
        world.reset({ seed });
        let done = false;
        let step: ReturnType<GoalWorld["step"]> | undefined;
        for (const taken of [...plan, action]) {
          step = world.step(taken);
          done = step.terminated || step.truncated;
          if (done) break;
        }
        if (!step) continue;
        if (step.terminated) return [...plan, action];
        const key = world.observationKey(step.observation);
        if (done || seen.has(key)) continue;
        seen.add(key);
        next.push([...plan, action]);
      }
    }
    frontier = next;
  }
  return undefined;
}

describe("goal predicates", () => {
  const width = 5; // a 3 × 3 inside
  const objects = [
    { colour: "red", shape: "cube" },
    { colour: "blue", shape: "ball" },
  ];
  const state = { agent: 6, held: -1, positions: Int32Array.of(12, 18) };

  it("hold, near the agent and near each other (king's move), negated or not", () => {
    expect(predicateHolds({ kind: "hold", object: 0, negated: false }, state, width)).toBe(false);
    expect(predicateHolds({ kind: "near-agent", object: 0, negated: false }, state, width)).toBe(true); // (1,1)–(2,2)
    expect(predicateHolds({ kind: "near-agent", object: 1, negated: false }, state, width)).toBe(false); // (1,1)–(3,3)
    expect(predicateHolds({ kind: "near", object: 0, other: 1, negated: false }, state, width)).toBe(true);
    expect(predicateHolds({ kind: "near", object: 0, other: 1, negated: true }, state, width)).toBe(false);
    expect(predicateHolds({ kind: "hold", object: 1, negated: false }, { ...state, held: 1 }, width)).toBe(
      true,
    );
  });

  it("a goal holds when one option holds entirely, and reads as words", () => {
    const goal: Goal = [
      [{ kind: "hold", object: 0, negated: false }],
      [
        { kind: "near", object: 0, other: 1, negated: false },
        { kind: "near-agent", object: 1, negated: true },
      ],
    ];
    expect(goalSatisfied(goal, state, width)).toBe(true);
    expect(goalSatisfied(goal, { ...state, agent: 17 }, width)).toBe(false);
    expect(goalText(goal, objects)).toBe(
      "(hold the red cube) or (put the red cube near the blue ball and stay away from the blue ball)",
    );
  });

  it("spots options that can never hold", () => {
    expect(
      contradictory([
        { kind: "hold", object: 0, negated: false },
        { kind: "hold", object: 1, negated: false },
      ]),
    ).toBe(true);
    expect(
      contradictory([
        { kind: "hold", object: 0, negated: false },
        { kind: "hold", object: 0, negated: true },
      ]),
    ).toBe(true);
    expect(
      contradictory([
        { kind: "hold", object: 0, negated: false },
        { kind: "near-agent", object: 0, negated: true },
      ]),
    ).toBe(true);
    expect(
      contradictory([
        { kind: "hold", object: 0, negated: false },
        { kind: "near", object: 0, other: 1, negated: false },
      ]),
    ).toBe(false);
  });
});

describe("goal tasks", () => {
  it("draws one task per seed, the same for the same seed, never satisfied at the start", () => {
    const world = make();
    const goals = new Set<string>();
    for (let seed = 0; seed < 100; seed++) {
      const { observation, info } = world.reset({ seed });
      goals.add(String(info.goal));
      expect(goalSatisfied(observation.task.goal, observation, observation.task.layout.width)).toBe(false);
      for (const option of observation.task.goal) expect(contradictory(option)).toBe(false);
      expect(world.taskOf(seed).goal).toEqual(observation.task.goal);
    }
    expect(goals.size).toBeGreaterThan(80);
    const fixed = make({ tasks: "fixed", task_seed: 7 });
    expect(fixed.reset({ seed: 1 }).observation.task.id).toBe("goal-tasks/7");
    expect(fixed.reset({ seed: 2 }).observation.task.id).toBe("goal-tasks/7");
  });

  it("picks up and drops: the held object travels with the agent", () => {
    const world = make({ walls: 0 });
    for (let seed = 0; seed < 50; seed++) {
      const { observation } = world.reset({ seed });
      const layout = observation.task.layout;
      const target = observation.positions[0] as number;
      // Walk onto object 0 (no walls inside: straight moves), pick it up, move, drop it.
      let agent = observation.agent;
      while (agent !== target) {
        const dx = (target % layout.width) - (agent % layout.width);
        const action = dx > 0 ? 1 : dx < 0 ? 3 : target > agent ? 2 : 0;
        const step = world.step(action);
        agent = step.observation.agent;
        if (step.terminated) break;
      }
      if (agent !== target) continue;
      const picked = world.step(4);
      if (picked.terminated) continue;
      expect(picked.observation.held).toBe(0);
      expect(picked.info.caption).toMatch(/^You picked up the \w+ \w+\.$/);
      const moved = world.step(
        layout.moves[agent * 4 + 1] === agent + 1 && layout.cells[agent + 1] === 0 ? 1 : 3,
      );
      expect(moved.observation.positions[0]).toBe(moved.observation.agent);
      if (moved.terminated) continue;
      const dropped = world.step(5);
      expect(dropped.observation.held === -1 || dropped.info.event === "nothing").toBe(true);
      return;
    }
    throw new Error("no seed let the test reach object 0");
  });

  it("small worlds are solvable, and following a plan earns reward 1 at its last step", () => {
    const world = make({ size: 3, objects: 2, walls: 0, max_episode_steps: 40 });
    let solved = 0;
    for (let seed = 0; seed < 20; seed++) {
      const plan = shortestPlan(world, seed);
      if (!plan) continue;
      solved++;
      world.reset({ seed });
      const rewards = plan.map((action) => world.step(action).reward);
      expect(rewards.at(-1)).toBe(1);
      expect(rewards.slice(0, -1).every((reward) => reward === 0)).toBe(true);
    }
    expect(solved).toBe(20);
  });

  it("every-step reward pays while the goal holds and never ends early", () => {
    const world = make({ size: 3, objects: 2, walls: 0, reward: "every-step", max_episode_steps: 30 });
    const plan = shortestPlan(make({ size: 3, objects: 2, walls: 0 }), 3) as number[];
    world.reset({ seed: 3 });
    const steps = plan.map((action) => world.step(action));
    expect(steps.at(-1)).toMatchObject({ reward: 1, terminated: false, info: { satisfied: true } });
    // From then on every step pays exactly when the goal holds, and only the time limit ends the episode.
    let step = steps.at(-1);
    while (step && !step.truncated) {
      step = world.step(step.info.satisfied ? 4 : 0);
      expect(step.reward).toBe(step.info.satisfied ? 1 : 0);
      expect(step.terminated).toBe(false);
    }
    expect(world.step.bind(world, 0)).toThrow(/call reset/);
  });

  it("renders the world, the goal and what is held", () => {
    const world = make();
    world.reset({ seed: 2 });
    expect(world.renderText()).toBe(
      [
        "##############",
        "##..........##",
        "####....rp..##",
        "##..rcA ....##",
        "##......##..##",
        "##......yb..##",
        "##############",
        "Goal: put the red pyramid near the red cube and hold the yellow ball.",
      ].join("\n"),
    );
    expect(world.renderSvg()).toContain("<polygon");
    const features = world.observationFeatures(world.reset({ seed: 2 }).observation);
    expect(features.length).toBe(world.observationSpace.kind === "box" ? world.observationSpace.size : -1);
  });
});
