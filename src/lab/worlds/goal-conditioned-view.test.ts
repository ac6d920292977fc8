import { describe, expect, it } from "vitest";
import { createEnvironment, type GoalWorld } from "../../env/index.js";
import { goalConditionedKey, goalConditionedView } from "./goal-conditioned-view.js";

describe("goal-conditioned key for a tabular learner across goal tasks", () => {
  const world = () =>
    createEnvironment("goal-tasks", {
      size: 4,
      objects: 3,
      walls: 1,
      max_options: 1,
      max_predicates: 1,
    }) as GoalWorld;

  it("leaves the task out, so tasks with the same goal structure share rows", () => {
    const keys = new Map<string, string>();
    for (let seed = 0; seed < 200; seed++) {
      const { observation } = world().reset({ seed });
      const key = goalConditionedKey(observation);
      expect(key).not.toContain("goal-tasks/");
      keys.set(key, observation.task.id);
    }
    // 200 tasks map onto far fewer distinct starting keys: what is learned on one task carries over.
    expect(keys.size).toBeLessThan(200);
  });

  it("changes as the agent moves relative to the goal's objects, and delegates the world's steps", () => {
    const view = goalConditionedView(world());
    const { observation } = view.reset({ seed: 3 });
    const before = view.observationKey(observation);
    const moves = [0, 1, 2, 3].map((action) => {
      const environment = goalConditionedView(world());
      environment.reset({ seed: 3 });
      return environment.observationKey(environment.step(action).observation);
    });
    expect(moves.some((key) => key !== before)).toBe(true);
  });
});
