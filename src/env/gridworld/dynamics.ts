import { Cell, type GridLayout } from "./layout.js";

/** Observation flag bits: carrying the key, the door open, then one bit per collected distractor. */
export const GridFlag = { carryingKey: 1, doorOpen: 2 } as const;

/** The flag bit of distractor `index`. */
export function distractorFlag(index: number): number {
  return 1 << (2 + index);
}

/** What one step did. */
export const GridEvent = {
  moved: 0,
  /** Into a wall, or a locked door without the key: nothing happens. */
  bumped: 1,
  reachedGoal: 2,
  fellIntoLava: 3,
  pickedUpKey: 4,
  openedDoor: 5,
  collectedDistractor: 6,
} as const;

export type GridEventCode = (typeof GridEvent)[keyof typeof GridEvent];

/** Where a step leaves the agent; `gridStep` writes into one reused object (no allocation a step). */
export interface GridOutcome {
  cell: number;
  flags: number;
  event: GridEventCode;
}

/**
 * The deterministic dynamics of every gridworld: from (cell, flags), an action moves the agent to the
 * neighbouring cell unless it is wall or a locked door. Stepping on the key picks it up; bumping into
 * the locked door while carrying the key opens it (the agent stays, as MiniGrid's toggle); stepping on a
 * distractor collects it; goal and lava end the episode. Pure in its inputs, so planners (value
 * iteration, potentials) use the same function as the environment.
 */
export function gridStep(
  layout: GridLayout,
  state: { cell: number; flags: number },
  action: number,
  out: GridOutcome,
): GridOutcome {
  const { cell, flags } = state;
  const target = layout.moves[cell * 4 + action] as number;
  out.cell = target;
  out.flags = flags;
  out.event = GridEvent.moved;
  switch (layout.cells[target]) {
    case Cell.wall:
      out.cell = cell;
      out.event = GridEvent.bumped;
      break;
    case Cell.door:
      if ((flags & GridFlag.doorOpen) === 0) {
        out.cell = cell;
        if ((flags & GridFlag.carryingKey) !== 0) {
          out.flags = flags | GridFlag.doorOpen;
          out.event = GridEvent.openedDoor;
        } else out.event = GridEvent.bumped;
      }
      break;
    case Cell.key:
      if ((flags & GridFlag.carryingKey) === 0) {
        out.flags = flags | GridFlag.carryingKey;
        out.event = GridEvent.pickedUpKey;
      }
      break;
    case Cell.distractor: {
      const bit = distractorFlag(layout.distractorIndex[target] as number);
      if ((flags & bit) === 0) {
        out.flags = flags | bit;
        out.event = GridEvent.collectedDistractor;
      }
      break;
    }
    case Cell.goal:
      out.event = GridEvent.reachedGoal;
      break;
    case Cell.lava:
      out.event = GridEvent.fellIntoLava;
      break;
    default:
      break;
  }
  return out;
}
