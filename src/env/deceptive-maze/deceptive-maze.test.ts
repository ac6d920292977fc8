import { describe, expect, it } from "vitest";
import { buildFromDefinition } from "../definition.js";
import { rollout } from "../rollout.js";
import type { DeceptiveMaze, MazeObservation } from "./deceptive-maze.js";
import { deceptiveMaze } from "./deceptive-maze-definition.js";

const make = (options: Record<string, unknown> = {}) =>
  buildFromDefinition(deceptiveMaze, options) as DeceptiveMaze;

/** Full speed toward a point. */
function toward(observation: MazeObservation, x: number, y: number): Float64Array {
  const dx = x - observation.x;
  const dy = y - observation.y;
  const length = Math.hypot(dx, dy) || 1;
  return Float64Array.of(dx / length, dy / length);
}

describe("deceptive maze", () => {
  it("reads its rangefinders to walls and the arena's edges", () => {
    const { observation } = make().reset();
    const [east, , north, , west, , south] = observation.ranges;
    expect(east).toBeCloseTo(9, 12);
    expect(north).toBeCloseTo(3.9, 12);
    expect(west).toBeCloseTo(1, 12);
    expect(south).toBeCloseTo(1, 12);
    expect(observation.ranges[1]).toBeCloseTo(3.9 * Math.SQRT2, 12); // north-east meets the wall's underside
  });

  it("walls stop the robot, which slides along them", () => {
    const maze = make();
    maze.reset();
    let step = maze.step([0, 1]);
    for (let index = 0; index < 30; index++) step = maze.step([0, 1]);
    expect(step.observation.y).toBeCloseTo(4.9 - 0.1, 3);
    expect(step.observation.y).toBeLessThan(4.8);
    expect(step.info).toMatchObject({ collided: true, valid: false });
    const slide = maze.step([1, 1]);
    expect(slide.observation.x).toBeCloseTo(1.2, 12);
    expect(slide.observation.y).toBeCloseTo(4.8, 3);
    expect(slide.info).toMatchObject({ collided: true, valid: true });
  });

  it("is deceptive: heading straight for the goal gets stuck about two units short", () => {
    const maze = make();
    const greedy = rollout({ environment: maze, policy: (observation) => toward(observation, 1, 7) });
    expect(greedy.steps.at(-1)?.truncated).toBe(true);
    expect(greedy.steps.every((step) => step.reward === 0)).toBe(true);
    expect(Math.hypot(greedy.finalObservation.x - 1, greedy.finalObservation.y - 7)).toBeCloseTo(2.2, 3);
  });

  it("the way round reaches the goal for reward 1", () => {
    const maze = make();
    const waypoints = [
      [9, 2],
      [9, 9.3],
      [1, 9.3],
      [1, 7],
    ] as const;
    let next = 0;
    const trajectory = rollout({
      environment: maze,
      policy: (observation) => {
        const [x, y] = waypoints[next] as readonly [number, number];
        if (Math.hypot(observation.x - x, observation.y - y) < 0.25 && next < waypoints.length - 1) next++;
        const [tx, ty] = waypoints[next] as readonly [number, number];
        return toward(observation, tx, ty);
      },
    });
    expect(trajectory.steps.at(-1)).toMatchObject({ reward: 1, terminated: true });
    expect(trajectory.steps.length).toBeLessThan(200);
    // Deterministic: the same actions give the same path.
    const replay = make();
    replay.reset();
    let last: ReturnType<DeceptiveMaze["step"]> | undefined;
    for (const step of trajectory.steps) last = replay.step(step.action);
    expect(last?.observation).toEqual(trajectory.finalObservation);
  });

  it("pays −distance every step with `negative-distance`, and refuses unsafe settings", () => {
    const maze = make({ reward: "negative-distance" });
    maze.reset();
    const step = maze.step([1, 0]);
    expect(step.reward).toBeCloseTo(-Math.hypot(0.2, 6), 12);
    expect(() => make({ max_speed: 0.5 })).toThrow(/max_speed must stay below/);
    expect(() => make({ start: [1, 5] })).toThrow(/inside a wall/);
    expect(() => maze.step([Number.NaN, 0])).toThrow(/two finite numbers/);
  });

  it("renders as a character map and an SVG frame", () => {
    const maze = make();
    maze.reset();
    const text = maze.renderText().split("\n");
    expect(text).toHaveLength(20);
    expect(text[10]).toBe("################....");
    expect(text[17]?.[2]).toBe("R"); // (1, 1): column 2, row 2 from the bottom
    expect(text[5]?.[2]).toBe("G"); // (1, 7): row 14 from the bottom
    expect(maze.renderSvg()).toMatch(/^<svg[\s\S]*<circle[\s\S]*<\/svg>$/);
  });
});
