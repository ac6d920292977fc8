import { z } from "zod";
import { RewardkitError } from "../../core/index.js";
import { defineEnvironment } from "../definition.js";
import { randomInteger, shuffleInPlace } from "../seeds.js";
import { Cell, createLayout, type GridLayout, walledRoom } from "./layout.js";
import { gridOptionFields, gridWorldOf, layoutField } from "./options.js";

/**
 * Rivers of lava across the room, each with one gap (MiniGrid LavaCrossing, vertical rivers only):
 * start top-left, goal bottom-right; stepping into lava ends the episode. Rivers sit on even columns
 * with a free column between any two, so every world is solvable.
 */
export function lavaCrossingLayout(options: {
  size: number;
  rivers: number;
  random: () => number;
  id: string;
}): GridLayout {
  const { size, random } = options;
  const width = size + 2;
  const cells = walledRoom(width, width);
  const columns: number[] = [];
  for (let x = 2; x <= size - 1; x += 2) columns.push(x);
  const chosen = shuffleInPlace(columns, random).slice(0, options.rivers);
  for (const x of chosen) {
    const gap = 1 + randomInteger(random, size);
    for (let y = 1; y <= size; y++) if (y !== gap) cells[y * width + x] = Cell.lava;
  }
  const start = width + 1;
  const goal = size * width + size;
  cells[goal] = Cell.goal;
  return createLayout({ id: options.id, width, height: width, cells, start, goal });
}

/** How many rivers fit in a room: one per even column between the first and the last. */
export function maxRivers(size: number): number {
  return Math.max(0, Math.floor((size - 1) / 2));
}

export const lavaCrossing = defineEnvironment({
  id: "lava-crossing",
  summary:
    "Cross rivers of lava through their gaps to reach the goal; lava ends the episode (MiniGrid LavaCrossing).",
  papers: ["MiniGrid LavaCrossing", "Global and Episodic Exploration Bonuses (Henaff et al. 2023)"],
  options: z.object({
    size: z.number().int().min(3).max(63).default(7).describe("Inside width and height; 7 is MiniGrid's S9."),
    rivers: z.number().int().min(0).max(31).default(1).describe("Rivers of lava (MiniGrid's N)."),
    layout: layoutField,
    ...gridOptionFields,
  }),
  build(options) {
    if (options.rivers > maxRivers(options.size)) {
      throw new RewardkitError(
        "SPEC_INVALID",
        `at most ${maxRivers(options.size)} rivers fit in a room of size ${options.size}`,
        { path: "environments.lava-crossing.rivers" },
      );
    }
    const width = options.size + 2;
    return gridWorldOf(options, {
      id: "lava-crossing",
      width,
      height: width,
      layout: options.layout,
      generate: (random, layoutSeed) =>
        lavaCrossingLayout({
          size: options.size,
          rivers: options.rivers,
          random,
          id: `lava-crossing/${layoutSeed}`,
        }),
    });
  },
});
