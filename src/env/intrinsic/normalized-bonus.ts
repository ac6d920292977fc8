import { RunningStats } from "../../core/index.js";
import type { IntrinsicBonus } from "../wrappers/intrinsic-bonus.js";

/**
 * A bonus divided by the running standard deviation of its raw values (when positive): the e3b
 * code's default `reward_norm: int`, which keeps intrinsic rewards on one scale whatever the bonus.
 */
export function normalizedBonus<Observation, Action = number>(
  inner: IntrinsicBonus<Observation, Action>,
): IntrinsicBonus<Observation, Action> {
  const stats = new RunningStats();
  return {
    name: inner.name,
    startEpisode: (observation, info) => inner.startEpisode(observation, info),
    bonus(transition) {
      const value = inner.bonus(transition);
      stats.push(value);
      return stats.std > 0 ? value / stats.std : value;
    },
  };
}
