/** What a grid cell holds. Keys and distractors are objects the agent collects by stepping on them. */
export const Cell = {
  floor: 0,
  wall: 1,
  lava: 2,
  /** A locked door: bumping into it while carrying the key opens it. */
  door: 3,
  goal: 4,
  key: 5,
  /** An object worth nothing to the task (a "ball"): it changes the observation when collected. */
  distractor: 6,
} as const;

export type CellType = (typeof Cell)[keyof typeof Cell];

/** Moves in action order: up, right, down, left. */
export const gridActionLabels = ["up", "right", "down", "left"] as const;

/**
 * One world of a gridworld family: a fixed grid (walls around the border), where the agent starts
 * and where the goal is. Immutable; observations point at it, so an observation can always be
 * drawn, keyed and featurized after its episode is over.
 */
export interface GridLayout {
  /** Identifies the world (`"key-door/1234"`): equal ids, equal layouts. */
  readonly id: string;
  readonly width: number;
  readonly height: number;
  /** `cells[y * width + x]`, a `Cell` code. */
  readonly cells: Uint8Array;
  readonly start: number;
  readonly goal: number;
  /** The key's cell, or -1. */
  readonly key: number;
  /** The locked door's cell, or -1. */
  readonly door: number;
  /** Distractor cells in order; distractor i is bit (2 + i) of the observation's flags. */
  readonly distractors: Int32Array;
  /** For every cell, its distractor's index, or -1. */
  readonly distractorIndex: Int8Array;
  /** `moves[cell * 4 + action]`: the neighbouring cell an action heads for. */
  readonly moves: Int32Array;
}

/** At most this many distractors (they live in the flag bits of an observation). */
export const maxDistractors = 16;

/** Builds a layout from its cells, checking that the border is wall and the marked cells agree. */
export function createLayout(fields: {
  id: string;
  width: number;
  height: number;
  cells: Uint8Array;
  start: number;
  goal: number;
  key?: number;
  door?: number;
  distractors?: readonly number[];
}): GridLayout {
  const { width, height, cells } = fields;
  if (cells.length !== width * height) throw new Error("layout: cells do not fill width × height");
  for (let x = 0; x < width; x++) {
    if (cells[x] !== Cell.wall || cells[(height - 1) * width + x] !== Cell.wall) {
      throw new Error("layout: the border must be wall");
    }
  }
  for (let y = 0; y < height; y++) {
    if (cells[y * width] !== Cell.wall || cells[y * width + width - 1] !== Cell.wall) {
      throw new Error("layout: the border must be wall");
    }
  }
  const distractors = Int32Array.from(fields.distractors ?? []);
  if (distractors.length > maxDistractors) throw new Error(`layout: at most ${maxDistractors} distractors`);
  const distractorIndex = new Int8Array(cells.length).fill(-1);
  distractors.forEach((cell, index) => {
    distractorIndex[cell] = index;
  });
  const moves = new Int32Array(cells.length * 4);
  for (let cell = 0; cell < cells.length; cell++) {
    const x = cell % width;
    const y = (cell - x) / width;
    moves[cell * 4] = y > 0 ? cell - width : cell;
    moves[cell * 4 + 1] = x < width - 1 ? cell + 1 : cell;
    moves[cell * 4 + 2] = y < height - 1 ? cell + width : cell;
    moves[cell * 4 + 3] = x > 0 ? cell - 1 : cell;
  }
  return {
    id: fields.id,
    width,
    height,
    cells,
    start: fields.start,
    goal: fields.goal,
    key: fields.key ?? -1,
    door: fields.door ?? -1,
    distractors,
    distractorIndex,
    moves,
  };
}

/** An empty room: walls on the border, floor inside (the starting point of every generator). */
export function walledRoom(width: number, height: number): Uint8Array {
  const cells = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (x === 0 || y === 0 || x === width - 1 || y === height - 1) cells[y * width + x] = Cell.wall;
    }
  }
  return cells;
}

/** The floor cells of a layout's cells, in index order. */
export function floorCells(cells: Uint8Array): number[] {
  const floor: number[] = [];
  for (let cell = 0; cell < cells.length; cell++) if (cells[cell] === Cell.floor) floor.push(cell);
  return floor;
}
