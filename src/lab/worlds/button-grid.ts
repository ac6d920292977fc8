/**
 * The `subgoal-marl` experiment's cooperative gridworld (reconstructed: Subgoal-based HRL for
 * multi-agent collaboration uses larger cooperative tasks). Two agents on a `width` × `width` open
 * grid start in the bottom corners; two buttons lie on the top row. The team reward is sparse: 1 when
 * both buttons are pressed at once (each by a different agent), which ends the episode; 0 otherwise.
 */
export interface ButtonGrid {
  width: number;
  starts: readonly [number, number];
  buttons: readonly [number, number];
  maxSteps: number;
}

/** Up, down, left, right, stay. */
export const gridMoves = [
  [0, -1],
  [0, 1],
  [-1, 0],
  [1, 0],
  [0, 0],
] as const;

export function buttonGrid(width: number, maxSteps: number): ButtonGrid {
  const cell = (x: number, y: number) => y * width + x;
  return {
    width,
    starts: [cell(0, width - 1), cell(width - 1, width - 1)],
    buttons: [cell(1, 0), cell(width - 2, 0)],
    maxSteps,
  };
}

/** The cell an agent reaches from `cell` with move `move` (walls keep it in place). */
export function moveCell(grid: ButtonGrid, cell: number, move: number): number {
  const [dx, dy] = gridMoves[move] as readonly [number, number];
  const x = Math.min(grid.width - 1, Math.max(0, (cell % grid.width) + dx));
  const y = Math.min(grid.width - 1, Math.max(0, Math.floor(cell / grid.width) + dy));
  return y * grid.width + x;
}

/** Whether both buttons are pressed by the two agents' cells. */
export function bothPressed(grid: ButtonGrid, cells: readonly [number, number]): boolean {
  const [first, second] = grid.buttons;
  return (cells[0] === first && cells[1] === second) || (cells[0] === second && cells[1] === first);
}

/** The joint state index of two agents' cells. */
export function jointState(grid: ButtonGrid, cells: readonly [number, number]): number {
  return cells[0] * grid.width * grid.width + cells[1];
}
