import { type Claim, type Curve, claim, lastPoint } from "../results.js";

/** A reward gain that counts (the reward is a count of money amounts plus a finished question). */
export const raftGain = 0.2;

type Diversity = { method: string; points: { step: number; entropy: number; distinct2: number }[] }[];

export function raftClaims(input: { curves: readonly Curve[]; diversity: Diversity }): Claim[] {
  const curve = (method: string) => input.curves.find((entry) => entry.method === method)?.points ?? [];
  const raftPoints = curve("raft");
  const bonPoints = curve("best_of_n_ft");
  const start = raftPoints[0]?.proxy ?? Number.NaN;
  const fall = (method: string, key: "entropy" | "distinct2") => {
    const points = input.diversity.find((entry) => entry.method === method)?.points ?? [];
    return (points[0]?.[key] ?? Number.NaN) - (points[points.length - 1]?.[key] ?? Number.NaN);
  };
  const raftEnd = raftPoints.length > 0 ? lastPoint(raftPoints).proxy : Number.NaN;
  const bonEnd = bonPoints.length > 0 ? lastPoint(bonPoints).proxy : Number.NaN;
  const halfway = raftPoints[Math.ceil((raftPoints.length - 1) / 2)]?.proxy ?? Number.NaN;
  return [
    claim(
      "Dong et al.: RAFT's reward rises over rounds (the last round above the base policy and above the halfway round)",
      raftEnd - start >= raftGain && raftEnd > halfway,
      { base: start, halfway_round: halfway, last_round: raftEnd, required_gain: raftGain },
    ),
    claim(
      "Diversity (the policy's per-character entropy along its samples) falls less under RAFT than under best-of-n fine-tuning with the same samples and SFT steps",
      fall("raft", "entropy") < fall("best_of_n_ft", "entropy"),
      {
        raft_entropy_fall: fall("raft", "entropy"),
        best_of_n_ft_entropy_fall: fall("best_of_n_ft", "entropy"),
      },
    ),
    claim(
      "Diversity as distinct word bigrams over samples falls less under RAFT than under best-of-n fine-tuning",
      fall("raft", "distinct2") < fall("best_of_n_ft", "distinct2"),
      {
        raft_distinct2_fall: fall("raft", "distinct2"),
        best_of_n_ft_distinct2_fall: fall("best_of_n_ft", "distinct2"),
      },
    ),
    claim(
      "With the same budget RAFT ends with at least the reward of best-of-n fine-tuning",
      raftEnd >= bonEnd,
      { raft: raftEnd, best_of_n_ft: bonEnd },
    ),
  ];
}
