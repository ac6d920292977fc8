import { type BonusCombination, combineBonuses } from "../../core/index.js";
import type { IntrinsicBonus } from "../wrappers/intrinsic-bonus.js";

/**
 * An episodic and a global bonus together (§17.2): `product` (the paper's default) or `sum` with
 * `globalCoefficient` on the global one.
 */
export function combinedBonus<Observation, Action = number>(options: {
  episodic: IntrinsicBonus<Observation, Action>;
  global: IntrinsicBonus<Observation, Action>;
  combine?: BonusCombination;
  globalCoefficient?: number;
  name?: string;
}): IntrinsicBonus<Observation, Action> {
  const combine = options.combine ?? "product";
  return {
    name:
      options.name ??
      `${options.episodic.name}_${combine === "product" ? "times" : "plus"}_${options.global.name}`,
    startEpisode(observation, info) {
      options.episodic.startEpisode(observation, info);
      options.global.startEpisode(observation, info);
    },
    bonus(transition) {
      return combineBonuses({
        episodic: options.episodic.bonus(transition),
        global: options.global.bonus(transition),
        combine,
        ...(options.globalCoefficient === undefined ? {} : { globalCoefficient: options.globalCoefficient }),
      });
    },
  };
}
