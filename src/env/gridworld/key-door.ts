import { z } from "zod";
import { defineEnvironment } from "../definition.js";
import { randomInteger } from "../seeds.js";
import { Cell, createLayout, type GridLayout, walledRoom } from "./layout.js";
import { gridOptionFields, gridWorldOf, layoutField } from "./options.js";

/**
 * Two rooms split by a wall with a locked door (MiniGrid DoorKey): the key lies in the left room with
 * the agent, the goal in the bottom-right corner behind the door. Wall column, door, key and start
 * are drawn from the generator.
 */
export function keyDoorLayout(options: { size: number; random: () => number; id: string }): GridLayout {
  const { size, random } = options;
  const width = size + 2;
  const cells = walledRoom(width, width);
  const wall = 2 + randomInteger(random, size - 2);
  for (let y = 1; y <= size; y++) cells[y * width + wall] = Cell.wall;
  const door = (1 + randomInteger(random, size)) * width + wall;
  cells[door] = Cell.door;
  const left: number[] = [];
  for (let y = 1; y <= size; y++) for (let x = 1; x < wall; x++) left.push(y * width + x);
  const key = left.splice(randomInteger(random, left.length), 1)[0] as number;
  const start = left[randomInteger(random, left.length)] as number;
  cells[key] = Cell.key;
  const goal = size * width + size;
  cells[goal] = Cell.goal;
  return createLayout({ id: options.id, width, height: width, cells, start, goal, key, door });
}

export const keyDoor = defineEnvironment({
  id: "key-door",
  summary:
    "Pick up the key, open the locked door, reach the goal behind it (MiniGrid DoorKey): a sparse reward behind two subgoals.",
  papers: [
    "MiniGrid DoorKey",
    "Global and Episodic Exploration Bonuses (Henaff et al. 2023)",
    "ONI: online intrinsic rewards from LLM feedback (Zheng et al. 2024)",
  ],
  options: z.object({
    size: z
      .number()
      .int()
      .min(3)
      .max(63)
      .default(6)
      .describe("Inside width and height (walls excluded); 6 is MiniGrid's DoorKey-8x8."),
    layout: layoutField,
    ...gridOptionFields,
  }),
  build(options) {
    const width = options.size + 2;
    return gridWorldOf(options, {
      id: "key-door",
      width,
      height: width,
      layout: options.layout,
      generate: (random, layoutSeed) =>
        keyDoorLayout({ size: options.size, random, id: `key-door/${layoutSeed}` }),
    });
  },
});
