import { type Claim, claim } from "../results.js";

export const finalSlack = 0.01;

/** The first number of labels at which `curve` reaches `target` (Infinity if it never does). */
export function labelsToReach(labels: readonly number[], curve: readonly number[], target: number): number {
  const at = curve.findIndex((value) => value >= target - 1e-12);
  return at < 0 ? Number.POSITIVE_INFINITY : (labels[at] as number);
}

export function activeClaims(input: {
  target: number;
  needed: Record<string, number>;
  budget: number;
  areas: Record<string, number>;
  finals: Record<string, number>;
  policyRegret: number;
}): Claim[] {
  const fewer = (name: string, paper: string) => {
    const labels = input.needed[name] as number;
    const random = input.needed.random as number;
    return claim(
      `${paper}: ${name} selection reaches random selection's full-budget accuracy with fewer labels`,
      labels < random,
      {
        target_accuracy: input.target,
        labels_random: random,
        [`labels_${name}`]: Number.isFinite(labels) ? labels : -1,
        reached: Number.isFinite(labels) ? 1 : 0,
        budget: input.budget,
        mean_accuracy_over_budget_random: input.areas.random as number,
        [`mean_accuracy_over_budget_${name}`]: input.areas[name] as number,
        ...(name === "learned" ? { policy_worst_class_regret: input.policyRegret } : {}),
      },
    );
  };
  return [
    fewer("uncertainty", "Active learning (uncertainty sampling)"),
    fewer("disagreement", "Query by committee (ensemble disagreement)"),
    fewer("learned", "Zhang et al. (learned selection policy, reconstructed)"),
    claim(
      `No strategy pays for its choices at the full budget (each ends within ${finalSlack} of random's accuracy or above)`,
      Object.values(input.finals).every((value) => value >= (input.finals.random as number) - finalSlack),
      {
        ...Object.fromEntries(Object.entries(input.finals).map(([name, value]) => [`final_${name}`, value])),
        slack: finalSlack,
      },
    ),
  ];
}
