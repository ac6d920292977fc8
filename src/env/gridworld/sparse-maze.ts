import { z } from "zod";
import { defineEnvironment } from "../definition.js";
import { shuffleInPlace } from "../seeds.js";
import { distancesTo } from "./distances.js";
import { Cell, createLayout, type GridLayout, maxDistractors } from "./layout.js";
import { gridOptionFields, gridWorldOf, layoutField } from "./options.js";

const steps = [
  [0, -2],
  [2, 0],
  [0, 2],
  [-2, 0],
] as const;

/**
 * A perfect maze carved by a randomized depth-first search (recursive backtracker) over the odd
 * cells; the agent starts top-left and the goal sits at the cell farthest from it, so the only reward
 * is many steps away. Distractors (balls worth nothing, but each changes the observation when
 * collected) go to dead ends first — they catch count-based explorers without blocking the path.
 */
export function sparseMazeLayout(options: {
  size: number;
  distractors: number;
  random: () => number;
  id: string;
}): GridLayout {
  const { size, random } = options;
  const width = size + 2;
  const cells = new Uint8Array(width * width).fill(Cell.wall);
  const start = width + 1;
  cells[start] = Cell.floor;
  const stack = [start];
  while (stack.length > 0) {
    const cell = stack[stack.length - 1] as number;
    const x = cell % width;
    const y = (cell - x) / width;
    const open = shuffleInPlace([0, 1, 2, 3], random).filter((direction) => {
      const [dx, dy] = steps[direction] as readonly [number, number];
      const nextX = x + dx;
      const nextY = y + dy;
      return (
        nextX >= 1 &&
        nextY >= 1 &&
        nextX <= size &&
        nextY <= size &&
        cells[nextY * width + nextX] === Cell.wall
      );
    });
    if (open.length === 0) {
      stack.pop();
      continue;
    }
    const [dx, dy] = steps[open[0] as number] as readonly [number, number];
    cells[(y + dy / 2) * width + x + dx / 2] = Cell.floor;
    const next = (y + dy) * width + x + dx;
    cells[next] = Cell.floor;
    stack.push(next);
  }
  const plain = createLayout({ id: options.id, width, height: width, cells, start, goal: start });
  const distance = distancesTo(plain, start);
  let goal = start;
  for (let cell = 0; cell < cells.length; cell++) {
    if ((distance[cell] as number) > (distance[goal] as number)) goal = cell;
  }
  cells[goal] = Cell.goal;
  const deadEnds: number[] = [];
  const others: number[] = [];
  for (let cell = 0; cell < cells.length; cell++) {
    if (cells[cell] !== Cell.floor || cell === start) continue;
    let openNeighbours = 0;
    for (let action = 0; action < 4; action++) {
      if (cells[plain.moves[cell * 4 + action] as number] !== Cell.wall) openNeighbours++;
    }
    (openNeighbours === 1 ? deadEnds : others).push(cell);
  }
  const candidates = [...shuffleInPlace(deadEnds, random), ...shuffleInPlace(others, random)];
  const distractors = candidates.slice(0, options.distractors);
  for (const cell of distractors) cells[cell] = Cell.distractor;
  return createLayout({ id: options.id, width, height: width, cells, start, goal, distractors });
}

export const sparseMaze = defineEnvironment({
  id: "sparse-maze",
  summary:
    "A depth-first-search maze with the goal at its farthest cell and distractor balls in dead ends: a sparse reward for exploration bonuses.",
  papers: [
    "Global and Episodic Exploration Bonuses (Henaff et al. 2023)",
    "Quality-Diversity for sparse rewards (Paolo et al.)",
    "ONI: online intrinsic rewards from LLM feedback (Zheng et al. 2024)",
  ],
  options: z.object({
    size: z
      .number()
      .int()
      .min(3)
      .max(63)
      .refine((value) => value % 2 === 1, "must be odd (maze corridors lie on odd cells)")
      .default(11)
      .describe("Inside width and height (odd; walls excluded)."),
    distractors: z
      .number()
      .int()
      .min(0)
      .max(maxDistractors)
      .default(3)
      .describe(
        "Balls placed in dead ends: collecting one changes the observation and pays `distractor_reward`.",
      ),
    distractor_reward: z
      .number()
      .default(0)
      .describe("Reward for collecting a distractor (0: worth nothing)."),
    layout: layoutField,
    ...gridOptionFields,
  }),
  build(options) {
    const width = options.size + 2;
    return gridWorldOf(options, {
      id: "sparse-maze",
      width,
      height: width,
      layout: options.layout,
      distractors: options.distractors,
      distractorReward: options.distractor_reward,
      generate: (random, layoutSeed) =>
        sparseMazeLayout({
          size: options.size,
          distractors: options.distractors,
          random,
          id: `sparse-maze/${layoutSeed}`,
        }),
    });
  },
});
