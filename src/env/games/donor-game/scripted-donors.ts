import type { DonorAction } from "./donor-rules.js";
import { traceStanding } from "./donor-trace.js";
import type { DonorDecision, DonorPolicy } from "./play-generation.js";

/**
 * A scripted donation rule of the family the lab evolves (a reconstructed stand-in for the paper's
 * LLM-written strategies; every parameter in [0, 1]):
 *   an unknown recipient (no trace yet, or traces hidden) gets `generosity` of the donor's resources;
 *   a known one with standing s (`traceStanding`) gets min(1, 2·reciprocity·s) — indirect
 *   reciprocity, from "nothing whatever they did" (0) to "twice their standing" (1);
 *   with punishment allowed and s < `punishmentBelow`, the donor instead spends
 *   punitiveness·`punishmentCap` of its resources punishing the recipient.
 */
export interface DonorStrategy {
  generosity: number;
  reciprocity: number;
  punitiveness: number;
}

export const donorStrategyKeys = ["generosity", "reciprocity", "punitiveness"] as const;

/** The largest share of its resources a scripted donor spends on one punishment. */
export const punishmentCap = 0.5;
/** The standing below which a punitive scripted donor punishes. */
export const punishmentBelow = 0.25;

/** The action a scripted strategy takes for a decision. */
export function scriptedDonorAction(
  strategy: DonorStrategy,
  decision: DonorDecision,
  punishmentAllowed: boolean,
): DonorAction {
  const standing = decision.recipientTrace ? traceStanding(decision.recipientTrace) : undefined;
  if (standing === undefined)
    return { kind: "donate", amount: strategy.generosity * decision.donorResources };
  if (punishmentAllowed && standing < punishmentBelow && strategy.punitiveness > 0) {
    return { kind: "punish", amount: strategy.punitiveness * punishmentCap * decision.donorResources };
  }
  const fraction = Math.min(1, strategy.reciprocity * standing);
  return { kind: "donate", amount: fraction * decision.donorResources };
}

/** A policy for `playDonorGeneration` from a strategy. */
export function scriptedDonor(strategy: DonorStrategy, punishmentAllowed: boolean): DonorPolicy {
  return (decision) => scriptedDonorAction(strategy, decision, punishmentAllowed);
}
