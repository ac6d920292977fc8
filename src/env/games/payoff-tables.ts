/**
 * A symmetric-action two-player game: `payoffs[row][column] = [row player's, column player's]`.
 * Action 0 is the cooperative one in the social dilemmas.
 */
export interface PayoffTable {
  readonly labels: readonly string[];
  readonly payoffs: readonly (readonly (readonly [number, number])[])[];
}

/**
 * The classic 2 × 2 games. Prisoner's dilemma: T = 4 > R = 3 > P = 1 > S = 0 (the values of Dasgupta &
 * Musolesi's IPD, methods/rm-rl.md §25). Stag hunt: R = 4 > T = 3 > P = 2 > S = 0 (mutual stag pays
 * best, hare is safe). Chicken: swerving against straight loses little, crashing loses everything.
 */
export const payoffTables = {
  "prisoners-dilemma": {
    labels: ["cooperate", "defect"],
    payoffs: [
      [
        [3, 3],
        [0, 4],
      ],
      [
        [4, 0],
        [1, 1],
      ],
    ],
  },
  "stag-hunt": {
    labels: ["stag", "hare"],
    payoffs: [
      [
        [4, 4],
        [0, 3],
      ],
      [
        [3, 0],
        [2, 2],
      ],
    ],
  },
  chicken: {
    labels: ["swerve", "straight"],
    payoffs: [
      [
        [3, 3],
        [1, 4],
      ],
      [
        [4, 1],
        [0, 0],
      ],
    ],
  },
  "matching-pennies": {
    labels: ["heads", "tails"],
    payoffs: [
      [
        [1, -1],
        [-1, 1],
      ],
      [
        [-1, 1],
        [1, -1],
      ],
    ],
  },
  coordination: {
    labels: ["left", "right"],
    payoffs: [
      [
        [1, 1],
        [0, 0],
      ],
      [
        [0, 0],
        [1, 1],
      ],
    ],
  },
} as const satisfies Record<string, PayoffTable>;

export type GameName = keyof typeof payoffTables;

/** Both players' payoffs for one joint action (row player first). */
export function payoffOf(table: PayoffTable, row: number, column: number): readonly [number, number] {
  const cell = table.payoffs[row]?.[column];
  if (!cell) throw new RangeError(`no payoff for actions (${row}, ${column})`);
  return cell;
}
