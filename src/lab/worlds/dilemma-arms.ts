import type { DilemmaMechanisms } from "./punishment-dilemma.js";

/**
 * The punishment experiment's arms: the baseline, each mechanism alone, their combination, and the
 * costly-punishment variant (§25: just punishment pays −3 instead of +2) alone and with selection.
 * The paper's results table is not in our materials; this order (baseline, single mechanisms,
 * combinations, costly variants) follows its abstract.
 */
export function dilemmaArms(justReward: number, costlyJustReward: number): DilemmaMechanisms[] {
  const arm = (
    name: string,
    punishment: boolean,
    selection: boolean,
    reputationInPlay: boolean,
    costly = false,
  ) => ({
    name,
    punishment,
    selection,
    reputationInPlay,
    justReward: costly ? costlyJustReward : justReward,
  });
  return [
    arm("baseline", false, false, false),
    arm("reputation", false, false, true),
    arm("partner selection", false, true, false),
    arm("direct punishment", true, false, false),
    arm("punishment + selection", true, true, false),
    arm("punishment + selection + reputation", true, true, true),
    arm("costly punishment", true, false, false, true),
    arm("costly punishment + selection", true, true, false, true),
  ];
}
