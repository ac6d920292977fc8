import { z } from "zod";
import { defineEnvironment } from "../definition.js";
import { randomInteger } from "../seeds.js";
import { Cell, createLayout, floorCells, type GridLayout, walledRoom } from "./layout.js";
import { gridOptionFields, gridWorldOf } from "./options.js";

/**
 * Four rooms joined by four one-cell hallways (Sutton, Precup & Singh 1999; MiniGrid FourRooms).
 * `classic`: Sutton's 11 × 11 layout (a wall down the middle, the left rooms split one row higher
 * than the right ones) with the start top-left and the goal bottom-right, scaled for other sizes;
 * otherwise hallways, start and goal are drawn at random (MiniGrid's version).
 */
export function fourRoomsLayout(options: {
  size: number;
  random: () => number;
  id: string;
  classic: boolean;
}): GridLayout {
  const { size, random } = options;
  const width = size + 2;
  const cells = walledRoom(width, width);
  const middle = 1 + Math.floor(size / 2);
  // Sutton's right-hand rooms are split one row lower than the left-hand ones.
  const leftSplit = middle;
  const rightSplit = options.classic ? Math.min(size - 1, middle + 1) : middle;
  for (let y = 1; y <= size; y++) cells[y * width + middle] = Cell.wall;
  for (let x = 1; x < middle; x++) cells[leftSplit * width + x] = Cell.wall;
  for (let x = middle + 1; x <= size; x++) cells[rightSplit * width + x] = Cell.wall;
  const between = (low: number, high: number): number => low + randomInteger(random, high - low + 1);
  const gaps = options.classic
    ? [
        [middle, 1 + Math.round((leftSplit - 1) * 0.5) - 1],
        [middle, rightSplit + Math.round((size - rightSplit) * 0.5)],
        [1 + Math.floor((middle - 1) * 0.2), leftSplit],
        [middle + 1 + Math.round((size - middle) * 0.6), rightSplit],
      ]
    : [
        [middle, between(1, leftSplit - 1)],
        [middle, between(rightSplit + 1, size)],
        [between(1, middle - 1), leftSplit],
        [between(middle + 1, size), rightSplit],
      ];
  for (const [x, y] of gaps) cells[(y as number) * width + (x as number)] = Cell.floor;
  let start = width + 1;
  let goal = size * width + size;
  if (!options.classic) {
    const floor = floorCells(cells);
    start = floor[randomInteger(random, floor.length)] as number;
    const others = floor.filter((cell) => cell !== start);
    goal = others[randomInteger(random, others.length)] as number;
  }
  cells[goal] = Cell.goal;
  return createLayout({ id: options.id, width, height: width, cells, start, goal });
}

export const fourRooms = defineEnvironment({
  id: "four-rooms",
  summary: "Four rooms joined by narrow hallways: the classic hierarchical-exploration world.",
  papers: [
    "Between MDPs and semi-MDPs (Sutton, Precup & Singh 1999)",
    "MiniGrid FourRooms",
    "Potential-based reward shaping (Ng et al. 1999)",
    "Global and Episodic Exploration Bonuses (Henaff et al. 2023)",
  ],
  options: z.object({
    size: z.number().int().min(5).max(63).default(11).describe("Inside width and height (walls excluded)."),
    layout: z
      .enum(["classic", "fixed", "procedural"])
      .default("classic")
      .describe(
        "`classic`: Sutton's layout, start top-left, goal bottom-right; `fixed`: the random world of `layout_seed` every episode; `procedural`: a new random world each reset.",
      ),
    ...gridOptionFields,
  }),
  build(options) {
    const width = options.size + 2;
    const classic = options.layout === "classic";
    return gridWorldOf(options, {
      id: "four-rooms",
      width,
      height: width,
      layout: options.layout === "procedural" ? "procedural" : "fixed",
      generate: (random, layoutSeed) =>
        fourRoomsLayout({
          size: options.size,
          random,
          classic,
          id: classic ? "four-rooms/classic" : `four-rooms/${layoutSeed}`,
        }),
    });
  },
});
