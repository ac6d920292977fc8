import { type Claim, claim } from "../results.js";

export const predictionTolerance = 0.05;
export const oracleSlack = 0.01;

export function equitableClaims(input: {
  finals: Record<"adaptive" | "uniform" | "proportional" | "known_rates", number[]>;
  shares: readonly number[];
  predicted: readonly number[];
}): Claim[] {
  const worst = (errors: readonly number[]) => Math.max(...errors);
  const weighted = (errors: readonly number[]) => {
    const total = input.shares.reduce((sum, value) => sum + value, 0);
    return errors.reduce((sum, error, group) => sum + ((input.shares[group] as number) * error) / total, 0);
  };
  const adaptive = input.finals.adaptive;
  const gaps = adaptive.map((error, group) => Math.abs(error - (input.predicted[group] as number)));
  return [
    claim(
      "Cai et al.: allocating by fitted learning curves gives a lower worst-group error than equal samples per group (same budget)",
      worst(adaptive) < worst(input.finals.uniform),
      { worst_adaptive: worst(adaptive), worst_uniform: worst(input.finals.uniform) },
    ),
    claim(
      "Cai et al.: ... and than sampling in proportion to the population",
      worst(adaptive) < worst(input.finals.proportional),
      { worst_adaptive: worst(adaptive), worst_proportional: worst(input.finals.proportional) },
    ),
    claim(
      `Cai et al.: without knowing the groups' learning rates, the adaptive strategy's worst-group error comes within ${oracleSlack} of the allocation that knows them`,
      worst(adaptive) <= worst(input.finals.known_rates) + oracleSlack,
      {
        worst_adaptive: worst(adaptive),
        worst_known_rates: worst(input.finals.known_rates),
        slack: oracleSlack,
        mean_adaptive: weighted(adaptive),
        mean_proportional: weighted(input.finals.proportional),
      },
    ),
    claim(
      `The learning curves fitted from the collected (noisy) labels predict each group's final gold error within ${predictionTolerance}`,
      Math.max(...gaps) <= predictionTolerance,
      { largest_gap: Math.max(...gaps), tolerance: predictionTolerance },
    ),
  ];
}
