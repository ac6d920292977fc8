import { type Claim, claim } from "../results.js";

export interface FairSummary {
  method: string;
  notion: string;
  lambda: number;
  accuracy: number;
  parityGap: number;
  oddsGap: number;
}

export const gapShare = 0.6;
export const accuracyCost = 0.06;

export function fairForestClaims(summaries: readonly FairSummary[]): Claim[] {
  const base = summaries.find((entry) => entry.lambda === 0);
  if (!base) throw new RangeError("the sweep needs λ = 0 (the unconstrained forest)");
  const parity = summaries.filter((entry) => entry.notion === "demographic_parity");
  const odds = summaries.filter((entry) => entry.notion === "equalized_odds");
  // The fairest run that keeps accuracy within the allowed cost (the accuracy-fairness trade-off point).
  const pick = (runs: readonly FairSummary[], gap: "parityGap" | "oddsGap") =>
    runs.filter((entry) => base.accuracy - entry.accuracy <= accuracyCost).sort((a, b) => a[gap] - b[gap])[0];
  const parityPick = pick(parity, "parityGap");
  const oddsPick = pick(odds, "oddsGap");
  const sorted = [...parity].sort((a, b) => a.lambda - b.lambda);
  const largest = sorted.at(-1);
  return [
    claim(
      `Aranyani (demographic parity): some λ cuts the forest's parity gap to at most ${gapShare} of the unconstrained forest's at an accuracy cost ≤ ${accuracyCost}`,
      parityPick !== undefined && parityPick.parityGap <= gapShare * base.parityGap,
      {
        gap_unconstrained: base.parityGap,
        gap_fair: parityPick?.parityGap ?? -1,
        lambda: parityPick?.lambda ?? -1,
        accuracy_unconstrained: base.accuracy,
        accuracy_fair: parityPick?.accuracy ?? -1,
      },
    ),
    claim(
      "Parity and equalized odds conflict when base rates differ: the parity-constrained forest at that λ has a larger equalized-odds gap than the unconstrained one, while the forest with the (reconstructed) per-label statistics keeps its equalized-odds gap within 0.03 of it at an accuracy cost ≤ 0.06",
      parityPick !== undefined &&
        oddsPick !== undefined &&
        parityPick.oddsGap > base.oddsGap &&
        oddsPick.oddsGap <= base.oddsGap + 0.03,
      {
        odds_gap_unconstrained: base.oddsGap,
        odds_gap_parity_forest: parityPick?.oddsGap ?? -1,
        odds_gap_odds_forest: oddsPick?.oddsGap ?? -1,
        odds_lambda: oddsPick?.lambda ?? -1,
        accuracy_odds_forest: oddsPick?.accuracy ?? -1,
      },
    ),
    claim(
      "Aranyani: every λ > 0 leaves the forest with a smaller parity gap than the unconstrained forest, and the largest λ pays for it in accuracy (the trade-off λ sets)",
      sorted.every((entry) => entry.lambda === 0 || entry.parityGap < base.parityGap) &&
        (largest?.accuracy ?? 1) < base.accuracy,
      {
        ...Object.fromEntries(sorted.map((entry) => [`gap_lambda_${entry.lambda}`, entry.parityGap])),
        accuracy_unconstrained: base.accuracy,
        accuracy_largest_lambda: largest?.accuracy ?? -1,
      },
    ),
  ];
}
