import type { LabRandom } from "../random.js";

/**
 * The `meta-representation` experiment's game (reconstructed: Meta Representations for MARL uses
 * population-varying Markov games; this is a small "choose a side" game of our own). Each round, a
 * learner and `size − 1` other players each go to the left venue, the right venue or stay home. Going
 * pays +1 when fewer than `capacity` others chose the same venue and −1 otherwise; home pays 0. The
 * others play a population's strategy mode (a distribution over the three choices), so the best
 * response depends on the mode and on the number of other players.
 */
export const sideActions = ["left", "right", "home"] as const;

/** A population's strategy mode: how likely each of the others is to choose left, right or home. */
export interface StrategyMode {
  name: string;
  probabilities: readonly [number, number, number];
}

/** The three modes of the population (reconstructed): crowd the left, crowd the right, split. */
export const strategyModes: readonly StrategyMode[] = [
  { name: "crowd left", probabilities: [0.75, 0.2, 0.05] },
  { name: "crowd right", probabilities: [0.2, 0.75, 0.05] },
  { name: "split", probabilities: [0.45, 0.45, 0.1] },
];

/** One round: how many of the others chose each of left, right, home. */
export function sampleOthers(input: { mode: StrategyMode; size: number; random: LabRandom }): number[] {
  const counts = [0, 0, 0];
  for (let other = 1; other < input.size; other++) {
    const choice = input.random.categorical(input.mode.probabilities);
    counts[choice] = (counts[choice] as number) + 1;
  }
  return counts;
}

/** The learner's payoff for `action` when the others' choices are `counts`. */
export function sidePayoff(action: number, counts: readonly number[], capacity: number): number {
  if (action === 2) return 0;
  return (counts[action] as number) < capacity ? 1 : -1;
}

/**
 * The exact expected payoff of each action against a mode at a population size: the others at a
 * venue are Binomial(size − 1, p_venue), so going pays 2·P(count < capacity) − 1.
 */
export function expectedPayoffs(input: { mode: StrategyMode; size: number; capacity: number }): number[] {
  return [0, 1]
    .map((venue) => {
      const p = input.mode.probabilities[venue] as number;
      let below = 0;
      for (let count = 0; count < input.capacity && count < input.size; count++) {
        below += binomial(input.size - 1, count) * p ** count * (1 - p) ** (input.size - 1 - count);
      }
      return 2 * below - 1;
    })
    .concat([0]);
}

function binomial(n: number, k: number): number {
  let value = 1;
  for (let index = 1; index <= k; index++) value = (value * (n - index + 1)) / index;
  return value;
}
