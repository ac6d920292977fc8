import { type Claim, claim } from "../results.js";
import type { DonorSeries } from "./donor-game-series.js";

/** Cooperation must rise by at least this share of resources from generation 1 to the last ones. */
export const riseThreshold = 0.05;
/** "Collapses": the last generations donate at most this fraction of what generation 1 did. */
export const collapseRatio = 0.5;
/** "The last generations": the mean over this many. */
const tail = 3;

/** The Donor Game's claims, computed from the arms' per-generation means. */
export function donorGameClaims(input: {
  series: readonly DonorSeries[];
  punishmentEffects: readonly number[];
}): Claim[] {
  const arm = (name: string) => {
    const found = input.series.find((item) => item.condition === name);
    if (!found) throw new RangeError(`no ${name} arm`);
    return found.generations;
  };
  const ending = (name: string, key: "donation_fraction" | "punishment_rate") => {
    const last = arm(name).slice(-tail);
    return last.reduce((total, item) => total + item[key], 0) / last.length;
  };
  const firstResources = (name: string) => arm(name)[0]?.median_resources ?? Number.NaN;
  const start = (name: string) => arm(name)[0]?.donation_fraction ?? Number.NaN;
  const visibleStart = start("traces visible");
  const visibleEnd = ending("traces visible", "donation_fraction");
  const hiddenStart = start("traces hidden");
  const hiddenEnd = ending("traces hidden", "donation_fraction");
  const cheapest = Math.max(...input.punishmentEffects);
  const costliest = Math.min(...input.punishmentEffects);
  const cheap = `punishment 1:${cheapest}`;
  const costly = `punishment 1:${costliest}`;
  const claims = [
    claim(
      "Vallinder & Hughes: with recipients' traces visible, cooperation (the share of resources donated) rises over the generations",
      visibleEnd - visibleStart >= riseThreshold,
      { generation_1: visibleStart, last_3_generations: visibleEnd, required_rise: riseThreshold },
    ),
    claim(
      "Vallinder & Hughes: with traces hidden, cooperation collapses (the last generations donate at most half of what the first did)",
      hiddenEnd <= collapseRatio * hiddenStart,
      { generation_1: hiddenStart, last_3_generations: hiddenEnd, largest_ratio: collapseRatio },
    ),
    claim(
      "Reputation is what sustains it: the last generations donate more with traces visible than hidden",
      visibleEnd > hiddenEnd,
      { visible_last_3: visibleEnd, hidden_last_3: hiddenEnd },
    ),
  ];
  if (cheapest === costliest) return claims;
  return [
    ...claims,
    claim(
      `Punishment's effect depends on its cost: in generation 1, when defectors are common, effective punishment (1:${cheapest}) destroys more resources than costly punishment (1:${costliest}) — lower median final resources`,
      firstResources(cheap) < firstResources(costly),
      {
        cheap_median_resources_generation_1: firstResources(cheap),
        costly_median_resources_generation_1: firstResources(costly),
        no_punishment_median_resources_generation_1: firstResources("traces visible"),
      },
    ),
    claim(
      `Punishment's effect depends on its cost: cheap punishment (1:${cheapest}) ends with more cooperation than costly punishment (1:${costliest})`,
      ending(cheap, "donation_fraction") > ending(costly, "donation_fraction"),
      {
        cheap_last_3: ending(cheap, "donation_fraction"),
        costly_last_3: ending(costly, "donation_fraction"),
        no_punishment_last_3: visibleEnd,
      },
    ),
  ];
}
