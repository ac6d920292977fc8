import { type Claim, claim } from "../results.js";

export type ObjectiveMethod = "PPO" | "LPO" | "TA-LPO";

/** One method's mean final normalized return at each evaluated horizon (inner updates). */
export interface HorizonScores {
  method: ObjectiveMethod;
  horizons: number[];
  scores: number[];
}

function compare(input: { better: HorizonScores; worse: HorizonScores; horizons: readonly number[] }): {
  better: number;
  worse: number;
  wins: number;
} {
  let better = 0;
  let worse = 0;
  let wins = 0;
  for (const horizon of input.horizons) {
    const a = input.better.scores[input.better.horizons.indexOf(horizon)] as number;
    const b = input.worse.scores[input.worse.horizons.indexOf(horizon)] as number;
    better += a / input.horizons.length;
    worse += b / input.horizons.length;
    wins += a > b ? 1 : 0;
  }
  return { better, worse, wins };
}

/**
 * "Beats on held-out horizons": a higher mean final return averaged over the held-out horizons AND
 * ahead on at least half of them (each horizon's score is a mean over the evaluation bandits).
 */
export function learnedObjectiveClaims(input: {
  scores: readonly HorizonScores[];
  trainUpdates: number;
  heldOut: readonly number[];
}): Claim[] {
  const find = (method: ObjectiveMethod) => {
    const found = input.scores.find((score) => score.method === method);
    if (!found) throw new RangeError(`no ${method} scores`);
    return found;
  };
  const ppo = find("PPO");
  const lpo = find("LPO");
  const temporal = find("TA-LPO");
  const needed = Math.ceil(input.heldOut.length / 2);
  const overPpo = compare({ better: temporal, worse: ppo, horizons: input.heldOut });
  const overLpo = compare({ better: temporal, worse: lpo, horizons: input.heldOut });
  const atTraining = compare({ better: lpo, worse: ppo, horizons: [input.trainUpdates] });
  const beats = (result: { better: number; worse: number; wins: number }) =>
    result.better > result.worse && result.wins >= needed;
  return [
    claim(
      `Jackson et al. (TA-LPO): the temporally-aware learned objective beats PPO's clipped objective on held-out horizons (higher mean final return over them and ahead on at least ${needed} of ${input.heldOut.length})`,
      beats(overPpo),
      {
        ta_lpo_mean: overPpo.better,
        ppo_mean: overPpo.worse,
        horizons_ahead: overPpo.wins,
        held_out_horizons: input.heldOut.length,
      },
    ),
    claim(
      `Jackson et al. (TA-LPO): ... and beats the non-temporal learned objective (LPO) on held-out horizons (same test)`,
      beats(overLpo),
      {
        ta_lpo_mean: overLpo.better,
        lpo_mean: overLpo.worse,
        horizons_ahead: overLpo.wins,
        held_out_horizons: input.heldOut.length,
      },
    ),
    claim(
      "Lu et al. (LPO): the drift meta-learned by evolution strategies beats PPO's clipped objective on the meta-training horizon",
      atTraining.better > atTraining.worse,
      { lpo: atTraining.better, ppo: atTraining.worse, training_updates: input.trainUpdates },
    ),
  ];
}
