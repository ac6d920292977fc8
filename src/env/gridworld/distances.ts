import { Cell, type GridLayout } from "./layout.js";

/**
 * Shortest-path step counts from every cell to `target` over cells the agent can stand on (not wall,
 * not lava; doors count as open), by breadth-first search; -1 where unreachable. Potentials for
 * shaping (−distance to the goal), solvability checks and the maze's farthest goal use it.
 */
export function distancesTo(layout: GridLayout, target: number): Int32Array {
  const distance = new Int32Array(layout.cells.length).fill(-1);
  const queue = new Int32Array(layout.cells.length);
  let head = 0;
  let tail = 0;
  distance[target] = 0;
  queue[tail++] = target;
  while (head < tail) {
    const cell = queue[head++] as number;
    for (let action = 0; action < 4; action++) {
      const next = layout.moves[cell * 4 + action] as number;
      const type = layout.cells[next];
      if (type === Cell.wall || type === Cell.lava || distance[next] !== -1) continue;
      distance[next] = (distance[cell] as number) + 1;
      queue[tail++] = next;
    }
  }
  return distance;
}

/**
 * The first action (up, right, down, left) that brings the agent one step closer along `distances`
 * (from `distancesTo`), or -1 at the target or where it is unreachable: a shortest-path expert for
 * scripted policies and demonstrations.
 */
export function actionToward(layout: GridLayout, distances: Int32Array, cell: number): number {
  const here = distances[cell] as number;
  if (here <= 0) return -1;
  for (let action = 0; action < 4; action++) {
    if (distances[layout.moves[cell * 4 + action] as number] === here - 1) return action;
  }
  return -1;
}
