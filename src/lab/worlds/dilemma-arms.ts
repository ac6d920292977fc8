import type { DilemmaMechanisms } from "./punishment-dilemma.js";

/**
 * The punishment experiment's arms: the baseline, each mechanism alone, their combination, and the
 * costly-punishment variant (§25: just punishment pays −3 instead of +2) alone and with selection.
 * The paper's results table is not in our materials; this order (baseline, single mechanisms,
 * combinations, costly variants) follows its abstract.
 */
export function dilemmaArms(rewards: { just: number; costlyJust: number }): DilemmaMechanisms[] {
  const arm = (
    name: string,
    switches: Partial<DilemmaMechanisms> & { costly?: boolean },
  ): DilemmaMechanisms => ({
    name,
    punishment: switches.punishment ?? false,
    selection: switches.selection ?? false,
    reputationInPlay: switches.reputationInPlay ?? false,
    justReward: switches.costly ? rewards.costlyJust : rewards.just,
  });
  return [
    arm("baseline", {}),
    arm("reputation", { reputationInPlay: true }),
    arm("partner selection", { selection: true }),
    arm("direct punishment", { punishment: true }),
    arm("punishment + selection", { punishment: true, selection: true }),
    arm("punishment + selection + reputation", { punishment: true, selection: true, reputationInPlay: true }),
    arm("costly punishment", { punishment: true, costly: true }),
    arm("costly punishment + selection", { punishment: true, selection: true, costly: true }),
  ];
}
