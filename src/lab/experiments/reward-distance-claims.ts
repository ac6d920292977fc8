import { type Claim, claim } from "../results.js";

export interface DistanceRecord {
  level: number;
  starc: number;
  epic: number;
  regret: number;
}

export const equivalenceTolerance = 1e-6;
export const naiveThreshold = 0.2;
export const trackingThreshold = 0.7;

export function rewardDistanceClaims(input: {
  equivalent: readonly { starc: number; epic: number; naive: number }[];
  correlation: { starc: number; epic: number };
}): Claim[] {
  const largest = (key: "starc" | "epic") => Math.max(...input.equivalent.map((row) => row[key]));
  const meanNaive = input.equivalent.reduce((sum, row) => sum + row.naive, 0) / input.equivalent.length;
  return [
    claim(
      "Skalse et al. / Gleave et al.: a reward and its potential-shaped, positively rescaled version are at distance 0 under STARC (VAL) and EPIC",
      largest("starc") <= equivalenceTolerance && largest("epic") <= equivalenceTolerance,
      {
        largest_starc: largest("starc"),
        largest_epic: largest("epic"),
        tolerance: equivalenceTolerance,
        pairs: input.equivalent.length,
      },
    ),
    claim(
      `Skalse et al.: without canonicalization the same equivalent pairs look far apart (mean L2 distance of the unit-norm raw rewards ≥ ${naiveThreshold})`,
      meanNaive >= naiveThreshold,
      { mean_naive_distance: meanNaive, required: naiveThreshold },
    ),
    claim(
      `Skalse et al.: STARC distance tracks the regret of optimizing the other reward (Spearman ρ ≥ ${trackingThreshold})`,
      input.correlation.starc >= trackingThreshold,
      { spearman_starc_regret: input.correlation.starc, required: trackingThreshold },
    ),
    claim(
      `Gleave et al.: EPIC distance tracks the same regret (Spearman ρ ≥ ${trackingThreshold})`,
      input.correlation.epic >= trackingThreshold,
      { spearman_epic_regret: input.correlation.epic, required: trackingThreshold },
    ),
    claim(
      "Skalse et al.: STARC (VAL) tracks regret at least as closely as EPIC (their bounds on regret are tight, EPIC's are not)",
      input.correlation.starc >= input.correlation.epic,
      { spearman_starc_regret: input.correlation.starc, spearman_epic_regret: input.correlation.epic },
    ),
  ];
}
