import { z } from "zod";
import { defineEnvironment } from "../definition.js";
import { randomInteger } from "../seeds.js";
import { Cell, createLayout, floorCells, type GridLayout, walledRoom } from "./layout.js";
import { gridOptionFields, gridWorldOf } from "./options.js";

/**
 * An empty room with walls around it (MiniGrid Empty). `fixed`: start in the top-left corner, goal in
 * the bottom-right; `procedural`: both at random cells.
 */
export function emptyRoomLayout(options: {
  size: number;
  random: () => number;
  id: string;
  randomPositions: boolean;
}): GridLayout {
  const width = options.size + 2;
  const cells = walledRoom(width, width);
  let start = width + 1;
  let goal = options.size * width + options.size;
  if (options.randomPositions) {
    const floor = floorCells(cells);
    start = floor[randomInteger(options.random, floor.length)] as number;
    const others = floor.filter((cell) => cell !== start);
    goal = others[randomInteger(options.random, others.length)] as number;
  }
  cells[goal] = Cell.goal;
  return createLayout({ id: options.id, width, height: width, cells, start, goal });
}

export const emptyRoom = defineEnvironment({
  id: "empty-room",
  summary: "An empty walled room: walk to the goal (MiniGrid Empty; Empty-Random with `layout: procedural`).",
  papers: ["MiniGrid (Chevalier-Boisvert et al.)", "Potential-based reward shaping (Ng et al. 1999)"],
  options: z.object({
    size: z.number().int().min(2).max(64).default(6).describe("Inside width and height (walls excluded)."),
    layout: z
      .enum(["fixed", "procedural"])
      .default("fixed")
      .describe(
        "`fixed`: start top-left, goal bottom-right; `procedural`: random start and goal each reset.",
      ),
    ...gridOptionFields,
  }),
  build(options) {
    const width = options.size + 2;
    return gridWorldOf(options, {
      id: "empty-room",
      width,
      height: width,
      layout: options.layout,
      generate: (random, layoutSeed) =>
        emptyRoomLayout({
          size: options.size,
          random,
          id: options.layout === "fixed" ? "empty-room/fixed" : `empty-room/${layoutSeed}`,
          randomPositions: options.layout === "procedural",
        }),
    });
  },
});
