import { RewardkitError } from "../../core/index.js";
import type { Environment, Info, Reset, Transition } from "../environment.js";
import { EnvironmentWrapper } from "./environment-wrapper.js";

/**
 * An intrinsic reward the agent gives itself (count-based novelty, E3B, RND, an ONI model). One
 * bonus object per environment, since it may keep episodic memory; global statistics are shared by
 * giving several bonus objects the same store.
 */
export interface IntrinsicBonus<Observation, Action = number> {
  /** Names the bonus in `info.intrinsic_bonuses`. */
  readonly name: string;
  /** A new episode starts from `observation` (episodic memories reset here). */
  startEpisode(observation: Observation, info: Info): void;
  /** The bonus for the transition from `observation` by `action` to `next`. Finite. */
  bonus(transition: {
    observation: Observation;
    action: Action;
    next: Observation;
    terminated: boolean;
  }): number;
}

/**
 * Adds `coefficient × bonus` to the environment's reward, keeping the parts apart in `info`:
 * `extrinsic_reward` (the environment's own reward), `intrinsic_reward` (everything added by bonus
 * wrappers, so reward = extrinsic_reward + intrinsic_reward) and `intrinsic_bonuses` (each bonus's
 * raw value by name). Wrappers stack: an outer one keeps the innermost extrinsic reward.
 * r = r_ext + β·b, Henaff et al. 2023 §17.2 (`intrinsic_reward_coef`).
 */
export class IntrinsicBonusWrapper<Observation, Action> extends EnvironmentWrapper<Observation, Action> {
  readonly bonus: IntrinsicBonus<Observation, Action>;
  readonly coefficient: number;
  private last: Observation | undefined;

  constructor(
    inner: Environment<Observation, Action>,
    options: { bonus: IntrinsicBonus<Observation, Action>; coefficient?: number },
  ) {
    super(inner);
    this.bonus = options.bonus;
    this.coefficient = options.coefficient ?? 1;
    if (!Number.isFinite(this.coefficient)) throw new RangeError("coefficient must be finite");
  }

  override reset(options?: { seed?: number }): Reset<Observation> {
    const reset = this.inner.reset(options);
    this.last = reset.observation;
    this.bonus.startEpisode(reset.observation, reset.info);
    return reset;
  }

  override step(action: Action): Transition<Observation> {
    if (this.last === undefined)
      throw new RewardkitError("STATE_ERROR", `${this.id}: call reset before step`);
    const transition = this.inner.step(action);
    const value = this.bonus.bonus({
      observation: this.last,
      action,
      next: transition.observation,
      terminated: transition.terminated,
    });
    if (!Number.isFinite(value)) {
      throw new RewardkitError("NON_FINITE", `intrinsic bonus ${this.bonus.name} returned ${value}`);
    }
    this.last = transition.observation;
    const info = transition.info;
    const extrinsic = typeof info.extrinsic_reward === "number" ? info.extrinsic_reward : transition.reward;
    const added = this.coefficient * value;
    const earlier = typeof info.intrinsic_reward === "number" ? info.intrinsic_reward : 0;
    const bonuses = (info.intrinsic_bonuses as Record<string, number> | undefined) ?? {};
    transition.info = {
      ...info,
      extrinsic_reward: extrinsic,
      intrinsic_reward: earlier + added,
      intrinsic_bonuses: { ...bonuses, [this.bonus.name]: value },
    };
    transition.reward += added;
    return transition;
  }
}

/** `environment` with an intrinsic bonus added to its reward (see `IntrinsicBonusWrapper`). */
export function withIntrinsicBonus<Observation, Action>(
  environment: Environment<Observation, Action>,
  options: { bonus: IntrinsicBonus<Observation, Action>; coefficient?: number },
): IntrinsicBonusWrapper<Observation, Action> {
  return new IntrinsicBonusWrapper(environment, options);
}
