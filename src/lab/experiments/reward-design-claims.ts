import { type Claim, claim } from "../results.js";
import type { RewardDesignOptions } from "./reward-design.js";

/** One learner trained with one teacher's reward: per episode, reached the goal (1) or not (0). */
export interface DesignRun {
  method: string;
  learner: "standard" | "myopic";
  teacher: "original" | "fixed" | "adaptive";
  completed: number[];
  redesigns: number;
}

/** What value iteration and the criterion say about the fixed design. */
export interface DesignVerification {
  states: number;
  designed_states: number;
  states_with_other_optimal_actions: number;
  non_zero_transitions: number;
  transitions: number;
  informativeness_designed: number;
  informativeness_original: number;
}

/** The area under the success curve (mean per-episode success) must grow by at least this much. */
export const areaGainRequired = 0.05;

function area(run: DesignRun): number {
  return run.completed.reduce((sum, value) => sum + value, 0) / Math.max(1, run.completed.length);
}

export function rewardDesignClaims(input: {
  runs: readonly DesignRun[];
  verification: DesignVerification;
  settings: RewardDesignOptions;
}): Claim[] {
  const { verification: check, settings } = input;
  const find = (learner: DesignRun["learner"], teacher: DesignRun["teacher"]) => {
    const found = input.runs.find((run) => run.learner === learner && run.teacher === teacher);
    if (!found) throw new RangeError(`no ${learner} learner with the ${teacher} reward`);
    return found;
  };
  const original = area(find("standard", "original"));
  const designed = area(find("standard", "fixed"));
  const myopicOriginal = area(find("myopic", "original"));
  const myopicFixed = area(find("myopic", "fixed"));
  const adaptive = find("myopic", "adaptive");
  return [
    claim(
      `Devidze et al. (EXPRD, reconstructed): the sparse designed reward (extra reward at ${settings.budget} states chosen from V*) keeps the optimal policy — value iteration gives the same optimal action sets as the original reward in every state`,
      check.states_with_other_optimal_actions === 0 && check.designed_states <= settings.budget,
      { ...check },
    ),
    claim(
      `Devidze et al.: the designed reward is informative — an h = ${settings.horizon} step lookahead on it picks only optimal actions in more states than on the original reward`,
      check.informativeness_designed > check.informativeness_original,
      {
        informative_states_designed: check.informativeness_designed,
        informative_states_original: check.informativeness_original,
        states: check.states,
      },
    ),
    claim(
      `Devidze et al.: the designed reward teaches Q-learning faster — area under the success curve at least ${areaGainRequired} above the original sparse reward's`,
      designed >= original + areaGainRequired,
      { area_designed: designed, area_original: original, required_gain: areaGainRequired },
    ),
    claim(
      `Devidze et al. (adaptive design, reconstructed): for a myopic learner (γ = ${settings.myopic_discount}) the teacher that re-designs from the learner's current policy every ${settings.redesign_every} episodes beats the fixed design — area under the success curve at least ${areaGainRequired} higher`,
      area(adaptive) >= myopicFixed + areaGainRequired,
      {
        area_adaptive: area(adaptive),
        area_fixed: myopicFixed,
        area_original: myopicOriginal,
        redesigns: adaptive.redesigns,
        required_gain: areaGainRequired,
      },
    ),
  ];
}
