import { type Claim, claim } from "../results.js";

/** A mechanism "raises cooperation" when its last episodes cooperate this much more than the baseline's. */
export const mechanismGain = 0.3;
/** Single mechanisms without punishment are tested for a smaller gain. */
export const smallGain = 0.05;
/** "At least as cooperative": within this. */
export const tolerance = 0.02;

/** The punishment experiment's claims from each arm's cooperation over its last episodes. */
export function punishmentClaims(ending: Readonly<Record<string, number>>): Claim[] {
  const at = (arm: string) => {
    const value = ending[arm];
    if (value === undefined) throw new RangeError(`no ${arm} arm`);
    return value;
  };
  const baseline = at("baseline");
  const best = Math.max(at("direct punishment"), at("partner selection"), at("reputation"));
  return [
    claim(
      `Dasgupta & Musolesi: direct punishment raises cooperation over the baseline (by ≥ ${mechanismGain})`,
      at("direct punishment") - baseline >= mechanismGain,
      { direct_punishment: at("direct punishment"), baseline, required_gain: mechanismGain },
    ),
    claim(
      `Dasgupta & Musolesi: direct punishment with partner selection raises cooperation over the baseline (by ≥ ${mechanismGain})`,
      at("punishment + selection") - baseline >= mechanismGain,
      { punishment_and_selection: at("punishment + selection"), baseline, required_gain: mechanismGain },
    ),
    claim(
      `Dasgupta & Musolesi: partner selection by reputation alone raises cooperation over the baseline (by ≥ ${smallGain})`,
      at("partner selection") - baseline >= smallGain,
      { partner_selection: at("partner selection"), baseline, required_gain: smallGain },
    ),
    claim(
      `Dasgupta & Musolesi: seeing the partner's reputation alone raises cooperation over the baseline (by ≥ ${smallGain})`,
      at("reputation") - baseline >= smallGain,
      { reputation: at("reputation"), baseline, required_gain: smallGain },
    ),
    claim(
      "Dasgupta & Musolesi: the combination (punishment + selection) is at least as cooperative as the best single mechanism",
      at("punishment + selection") >= best - tolerance,
      { punishment_and_selection: at("punishment + selection"), best_single_mechanism: best, tolerance },
    ),
    claim(
      `Dasgupta & Musolesi: costly punishment (just punishment pays −3) is not learnt, and cooperation stays ≥ ${mechanismGain} below punishment that pays +2`,
      at("direct punishment") - at("costly punishment") >= mechanismGain,
      {
        direct_punishment: at("direct punishment"),
        costly_punishment: at("costly punishment"),
        required_gap: mechanismGain,
      },
    ),
  ];
}
