import { describe, expect, it } from "vitest";
import { buildFromDefinition } from "../definition.js";
import { actionToward, distancesTo } from "./distances.js";
import { GridFlag } from "./dynamics.js";
import { emptyRoom } from "./empty-room.js";
import { fourRooms } from "./four-rooms.js";
import type { GridWorld } from "./grid-world.js";
import { keyDoor } from "./key-door.js";
import { lavaCrossing } from "./lava-crossing.js";
import { Cell } from "./layout.js";
import { sparseMaze } from "./sparse-maze.js";

const families = [emptyRoom, fourRooms, keyDoor, sparseMaze, lavaCrossing] as const;

function make(definition: (typeof families)[number], options: Record<string, unknown> = {}): GridWorld {
  return buildFromDefinition(definition as typeof keyDoor, options) as GridWorld;
}

/** Walks a fixed list of actions, returning the keys and rewards seen. */
function play(world: GridWorld, seed: number, actions: readonly number[]): string[] {
  const seen = [world.observationKey(world.reset({ seed }).observation)];
  for (const action of actions) {
    const step = world.step(action);
    seen.push(`${world.observationKey(step.observation)}:${step.reward}`);
    if (step.terminated || step.truncated) break;
  }
  return seen;
}

/** Walks to `target` along shortest paths, returning the last transition. */
function walkTo(world: GridWorld, target: number) {
  const distances = distancesTo(world.layout, target);
  let last: ReturnType<GridWorld["step"]> | undefined;
  for (let guard = 0; guard < 500; guard++) {
    const cell = last ? last.observation.cell : world.layout.start;
    const action = actionToward(world.layout, distances, cell);
    if (action < 0) break;
    last = world.step(action);
    if (last.terminated || last.truncated) break;
  }
  return last;
}

describe("gridworlds", () => {
  it("repeat exactly for a seed, even with slippery moves", () => {
    const actions = Array.from({ length: 40 }, (_, index) => (index * 7) % 4);
    for (const definition of families) {
      const options = { layout: definition === fourRooms ? "procedural" : undefined, slip: 0.3 };
      const first = play(make(definition, options), 5, actions);
      const second = play(make(definition, options), 5, actions);
      expect(second).toEqual(first);
    }
  });

  it("draw a new world per seed when procedural and keep one world when fixed", () => {
    for (const definition of [fourRooms, keyDoor, sparseMaze, lavaCrossing, emptyRoom]) {
      const procedural = make(definition, { layout: "procedural" });
      const texts = new Set<string>();
      for (let seed = 0; seed < 10; seed++)
        texts.add(procedural.observationText(procedural.reset({ seed }).observation));
      expect(texts.size).toBeGreaterThan(5);
      const fixed = make(definition, { layout: "fixed", layout_seed: 4 });
      const layouts = new Set<string>();
      for (let seed = 0; seed < 10; seed++) {
        fixed.reset({ seed });
        layouts.add(fixed.renderText());
      }
      expect(layouts.size).toBe(1);
    }
  });

  it("continue their own stream without a seed (a new world each reset)", () => {
    const world = make(keyDoor);
    world.reset({ seed: 1 });
    const ids = new Set([world.layout.id]);
    for (let episode = 0; episode < 5; episode++) {
      world.reset();
      ids.add(world.layout.id);
    }
    expect(ids.size).toBe(6);
  });

  it("are solvable for every seed (goal reachable; the key before the door)", () => {
    for (const definition of families) {
      const world = make(definition, {
        layout: "procedural",
        ...(definition === lavaCrossing ? { rivers: 3 } : {}),
      });
      for (let seed = 0; seed < 60; seed++) {
        world.reset({ seed });
        const { layout } = world;
        expect(distancesTo(layout, layout.goal)[layout.start]).toBeGreaterThan(0);
        if (layout.key >= 0) {
          const fromKey = distancesTo(layout, layout.key);
          expect(fromKey[layout.start]).toBeGreaterThan(0);
          expect(layout.cells[layout.door]).toBe(Cell.door);
        }
      }
    }
  });

  it("walls block: moving into the border leaves the agent in place and is not a valid action", () => {
    const world = make(emptyRoom);
    const start = world.reset().observation;
    const bump = world.step(0);
    expect(bump.observation.cell).toBe(start.cell);
    expect(bump.info).toEqual({ event: "bumped", valid: false });
    const move = world.step(1);
    expect(move.observation.cell).toBe(start.cell + 1);
    expect(move.info).toEqual({ event: "moved", valid: true });
  });

  it("lava ends the episode with lavaReward", () => {
    const world = make(lavaCrossing, { lava_reward: -1 });
    for (let seed = 0; seed < 50; seed++) {
      world.reset({ seed });
      const right = world.layout.start + 1;
      if (world.layout.cells[right] !== Cell.lava) continue;
      const step = world.step(1);
      expect(step).toMatchObject({ reward: -1, terminated: true, truncated: false });
      expect(step.info).toMatchObject({ event: "fell_into_lava", caption: "You fell into the lava." });
      expect(() => world.step(1)).toThrow(/call reset/);
      return;
    }
    throw new Error("no seed put lava right of the start");
  });

  it("the key opens the door: bumping without it does nothing, with it the door opens and the goal pays 1", () => {
    // World 2: the way to the door does not pass over the key.
    const world = make(keyDoor, { layout: "fixed", layout_seed: 2 });
    world.reset();
    const { layout } = world;
    const width = layout.width;
    // The cell left of the door, reached before the key is picked up when possible.
    const besideDoor = layout.door - 1;
    let step = walkTo(world, besideDoor);
    expect((step?.observation.flags ?? -1) & GridFlag.carryingKey).toBe(0);
    const bump = world.step(1);
    expect(bump.info).toMatchObject({ event: "bumped", valid: false });
    expect(bump.observation.cell).toBe(besideDoor);
    world.reset();
    step = walkTo(world, layout.key);
    expect(step?.info).toMatchObject({ event: "picked_up_key", caption: "You picked up the key." });
    expect((step?.observation.flags ?? 0) & GridFlag.carryingKey).toBe(GridFlag.carryingKey);
    expect(world.renderText()).not.toContain("K");
    walkTo(world, besideDoor);
    const open = world.step(1);
    expect(open.info).toMatchObject({ event: "opened_door", valid: true });
    expect(open.observation.cell).toBe(besideDoor);
    expect(world.renderText().split("\n")[Math.floor(layout.door / width)]).toContain("/");
    const through = world.step(1);
    expect(through.observation.cell).toBe(layout.door);
    const goal = walkTo(world, layout.goal);
    expect(goal).toMatchObject({ reward: 1, terminated: true });
  });

  it("distractors change the observation once when collected and pay distractorReward", () => {
    const world = make(sparseMaze, { layout: "fixed", distractors: 2, distractor_reward: 0.5 });
    world.reset();
    const target = world.layout.distractors[0] as number;
    const step = walkTo(world, target);
    expect(step).toMatchObject({ reward: 0.5, info: { event: "collected_distractor" } });
    expect(step?.observation.flags).toBe(1 << 2);
    // Distractors go to dead ends (one open neighbour) first: either all of them are in dead ends or
    // every dead end besides the start holds one.
    const { cells, moves, start } = world.layout;
    const openNeighbours = (cell: number) =>
      [0, 1, 2, 3].filter((action) => cells[moves[cell * 4 + action] as number] !== Cell.wall).length;
    const inDeadEnds = [...world.layout.distractors].filter((cell) => openNeighbours(cell) === 1).length;
    let freeDeadEnds = 0;
    for (let cell = 0; cell < cells.length; cell++) {
      if (cells[cell] === Cell.floor && cell !== start && openNeighbours(cell) === 1) freeDeadEnds++;
    }
    expect(inDeadEnds === world.layout.distractors.length || freeDeadEnds === 0).toBe(true);
    expect(inDeadEnds).toBeGreaterThan(0);
  });

  it("truncates at maxEpisodeSteps and scales the goal reward with time-penalty", () => {
    const world = make(emptyRoom, { max_episode_steps: 3 });
    world.reset();
    expect(world.step(0).truncated).toBe(false);
    expect(world.step(0).truncated).toBe(false);
    expect(world.step(0)).toMatchObject({ truncated: true, terminated: false });
    const timed = make(emptyRoom, { size: 2, goal_reward: "time-penalty", max_episode_steps: 10 });
    timed.reset();
    timed.step(1);
    expect(timed.step(2).reward).toBeCloseTo(1 - (0.9 * 2) / 10, 12);
  });

  it("features: one-hot position, flags, and the egocentric window", () => {
    const world = make(emptyRoom, { size: 3, view_radius: 1 });
    const { observation } = world.reset();
    const features = world.observationFeatures(observation);
    expect(features.length).toBe(world.observationSpace.kind === "box" ? world.observationSpace.size : -1);
    expect(features.length).toBe(25 + 2 + 9 * 6);
    expect(features[observation.cell]).toBe(1);
    expect(features.slice(0, 25).reduce((a, b) => a + b, 0)).toBe(1);
    // Top-left corner: the window's top row and left column are wall (channel 0).
    const window = features.slice(27);
    const wallAt = (row: number, column: number) => window[(row * 3 + column) * 6];
    expect([wallAt(0, 0), wallAt(0, 1), wallAt(0, 2), wallAt(1, 0), wallAt(2, 0)]).toEqual([1, 1, 1, 1, 1]);
    expect([wallAt(1, 1), wallAt(1, 2), wallAt(2, 2)]).toEqual([0, 0, 0]);
  });

  it("renders Sutton's four rooms as text and an SVG frame", () => {
    const world = make(fourRooms);
    world.reset();
    expect(world.renderText()).toMatchInlineSnapshot(`
      "#############
      #A....#.....#
      #.....#.....#
      #...........#
      #.....#.....#
      #.....#.....#
      ##.####.....#
      #.....####.##
      #.....#.....#
      #...........#
      #.....#.....#
      #.....#....G#
      #############"
    `);
    const svg = world.renderSvg();
    expect(svg.startsWith("<svg")).toBe(true);
    expect(svg.match(/<rect /g)?.length).toBe(13 * 13);
  });
});
