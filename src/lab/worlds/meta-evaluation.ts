import { deriveSeed } from "../random.js";
import { expectedPayoffs, type StrategyMode } from "./crowd-game.js";
import { type CrowdSettings, type LatentChoice, playAdaptation, type TrainedPolicy } from "./meta-play.js";

/** Mean payoff per round of each evaluation episode at one size, averaged over modes and repeats. */
export interface SizeEvaluation {
  size: number;
  inferred: number[];
  oracle: number[];
  single: number[];
  /** The exact best response's expected payoff, averaged over modes. */
  best: number;
}

/**
 * Evaluates the latent-conditioned policy (latent inferred, or the true one) and the single policy at
 * one population size against every mode, with the same draws of the others for all three.
 */
export function evaluateSize(input: {
  latent: TrainedPolicy;
  single: TrainedPolicy;
  game: CrowdSettings;
  size: number;
  episodes: number;
  repeats: number;
  seed: number;
}): SizeEvaluation {
  const { game } = input;
  const sums = {
    inferred: zeros(input.episodes),
    oracle: zeros(input.episodes),
    single: zeros(input.episodes),
  };
  const plays = input.repeats * game.modes.length;
  game.modes.forEach((_, modeIndex) => {
    for (let repeat = 0; repeat < input.repeats; repeat++) {
      const seed = deriveSeed(input.seed, `evaluate size ${input.size} mode ${modeIndex} repeat ${repeat}`);
      for (const choice of ["inferred", "oracle", "single"] as LatentChoice[]) {
        const policy = choice === "single" ? input.single : input.latent;
        const returns = playAdaptation({
          policy,
          game,
          choice,
          modeIndex,
          size: input.size,
          episodes: input.episodes,
          seed,
        });
        returns.forEach((value, episode) => {
          sums[choice][episode] = (sums[choice][episode] as number) + value / plays;
        });
      }
    }
  });
  const best =
    game.modes.reduce(
      (total, mode: StrategyMode) =>
        total + Math.max(...expectedPayoffs({ mode, size: input.size, capacity: game.capacity })),
      0,
    ) / game.modes.length;
  return { size: input.size, ...sums, best };
}

/**
 * Episodes played before the inferred latent's return stays within `tolerance` of the true latent's
 * (every later episode too); `episodes` when it never does.
 */
export function adaptationEpisodes(evaluation: SizeEvaluation, tolerance: number): number {
  let first = evaluation.inferred.length;
  for (let episode = evaluation.inferred.length - 1; episode >= 0; episode--) {
    if ((evaluation.inferred[episode] as number) < (evaluation.oracle[episode] as number) - tolerance) break;
    first = episode;
  }
  return first;
}

export function mean(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0) / Math.max(1, values.length);
}

function zeros(length: number): number[] {
  return new Array<number>(length).fill(0);
}
