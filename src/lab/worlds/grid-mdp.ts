import { GridEvent, type GridLayout, type GridOutcome, gridStep } from "../../env/index.js";
import type { Outcome, TabularMdp } from "./tabular-mdp.js";

/** A gridworld's deterministic dynamics as a table over the (cell, flags) states reachable from its start. */
export interface GridMdp extends TabularMdp {
  layout: GridLayout;
  cells: Int32Array;
  flags: Int32Array;
  /** The state index of (cell, flags), or undefined when unreachable. */
  indexOf(cell: number, flags: number): number | undefined;
}

const flagSpan = 2 ** 20;

/**
 * Enumerates a gridworld's states by breadth-first search from its start with the environment's own
 * step function (`gridStep`), so plans and the environment agree: reaching the goal pays
 * `goalReward` and ends the episode, lava ends it with `lavaReward`.
 */
export function gridMdp(
  layout: GridLayout,
  options: { goalReward?: number; lavaReward?: number } = {},
): GridMdp {
  const index = new Map<number, number>();
  const cells: number[] = [];
  const flags: number[] = [];
  const add = (cell: number, flag: number) => {
    const key = cell * flagSpan + flag;
    let found = index.get(key);
    if (found === undefined) {
      found = cells.length;
      index.set(key, found);
      cells.push(cell);
      flags.push(flag);
    }
    return found;
  };
  add(layout.start, 0);
  const outcomes: Outcome[][] = [];
  const out: GridOutcome = { cell: 0, flags: 0, event: GridEvent.moved };
  for (let state = 0; state < cells.length; state++) {
    for (let action = 0; action < 4; action++) {
      gridStep(layout, { cell: cells[state] as number, flags: flags[state] as number }, action, out);
      const terminal = out.event === GridEvent.reachedGoal || out.event === GridEvent.fellIntoLava;
      const reward =
        out.event === GridEvent.reachedGoal
          ? (options.goalReward ?? 1)
          : out.event === GridEvent.fellIntoLava
            ? (options.lavaReward ?? 0)
            : 0;
      const next = add(out.cell, out.flags);
      outcomes[state * 4 + action] = [{ next, probability: 1, reward, terminal }];
    }
  }
  return {
    states: cells.length,
    actions: 4,
    outcomes,
    start: 0,
    layout,
    cells: Int32Array.from(cells),
    flags: Int32Array.from(flags),
    indexOf: (cell, flag) => index.get(cell * flagSpan + flag),
  };
}
