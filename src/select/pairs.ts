import { sigmoid } from "../core/index.js";
import { rankByScore } from "./rank.js";

/**
 * Preference pairs from one prompt's scored candidates (DNO-Prct, rlhf.md §16: y⁺ = best, y⁻ = worst,
 * large-margin pairs only, and a chosen response that does not fall below the reference/teacher's).
 * DNO has no public code; the filter follows the paper's Algorithm 2 and is reconstructed.
 */
export type Pairing = "best_worst" | "best_vs_rest" | "all";

export interface MinedPair {
  chosen: number;
  rejected: number;
  /** score(chosen) − score(rejected). */
  margin: number;
}

export interface MinePairsOptions {
  scores: readonly number[];
  /** best_worst: one pair, best against worst (DNO); best_vs_rest: best against each other; all: every ordered pair. */
  pairing?: Pairing;
  /** Keep pairs whose margin is at least this; without it, pairs whose margin is strictly above 0. */
  minMargin?: number | undefined;
  /** The reference (teacher) output's score for this prompt: a chosen response scoring below it is not kept. */
  referenceScore?: number | undefined;
}

function kept(margin: number, minMargin: number | undefined): boolean {
  return minMargin === undefined ? margin > 0 : margin >= minMargin;
}

/**
 * @example minePairs({ scores: [0.2, 0.9, 0.5], minMargin: 0.5 }) // [{ chosen: 1, rejected: 0, margin: 0.7 }]
 */
export function minePairs(options: MinePairsOptions): MinedPair[] {
  const { scores, minMargin, referenceScore } = options;
  if (scores.length < 2) return [];
  const order = rankByScore(scores);
  const score = (index: number) => scores[index] as number;
  const eligible = (chosen: number) => referenceScore === undefined || score(chosen) >= referenceScore;
  const pairs: MinedPair[] = [];
  const consider = (chosen: number, rejected: number) => {
    const margin = score(chosen) - score(rejected);
    if (eligible(chosen) && kept(margin, minMargin)) pairs.push({ chosen, rejected, margin });
  };
  const pairing = options.pairing ?? "best_worst";
  if (pairing === "best_worst") {
    consider(order[0] as number, order[order.length - 1] as number);
  } else if (pairing === "best_vs_rest") {
    for (const rejected of order.slice(1)) consider(order[0] as number, rejected);
  } else {
    for (let high = 0; high < order.length; high++) {
      for (let low = high + 1; low < order.length; low++)
        consider(order[high] as number, order[low] as number);
    }
  }
  return pairs;
}

/**
 * DNO's reward r_t(x, y) = E_{y'~π_t}[P(y ≻ y')] estimated within a group with hard preferences from
 * scores (ties count ½): each candidate's win rate against the others. A pointwise reward turned into
 * the preference oracle's scale (reconstructed: the paper's oracle is a GPT-4 judge).
 * @example winRatesFromScores([1, 2, 2]) // [0, 0.75, 0.75]
 */
export function winRatesFromScores(scores: readonly number[]): number[] {
  if (scores.length < 2) return scores.map(() => 0.5);
  return scores.map((mine, index) => {
    let wins = 0;
    scores.forEach((other, at) => {
      if (at !== index) wins += mine > other ? 1 : mine === other ? 0.5 : 0;
    });
    return wins / (scores.length - 1);
  });
}

/**
 * DNO's soft label for y₁ over y₂: σ(r_t(y₁) − r_t(y₂)) (Algorithm 1's regression target).
 * @example dnoSoftLabel(0.6, 0.4) // 0.549834
 */
export function dnoSoftLabel(first: number, second: number): number {
  return sigmoid(first - second);
}
