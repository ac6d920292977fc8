import { type Claim, claim } from "../results.js";

/** Team return (γ^(steps−1) when both buttons are pressed, else 0) and coordination rate of one learner. */
export interface LearnerScore {
  team_return: number;
  coordination_rate: number;
}

/**
 * The subgoal-marl experiment's claims (Subgoal-based HRL for multi-agent collaboration, and QMIX's
 * claim against independent learners), from the final evaluations. Findings that do not hold in this
 * world say so.
 */
export function subgoalClaims(input: {
  scores: Readonly<Record<"independent" | "mixer" | "subgoals", LearnerScore>>;
  margin: number;
  tolerance: number;
}): Claim[] {
  const { independent, mixer, subgoals } = input.scores;
  const { margin, tolerance } = input;
  return [
    claim(
      `Subgoal-based HRL: the mixer with dynamically generated subgoals earns a higher team return than the mixer alone (by ≥ ${margin})`,
      subgoals.team_return - mixer.team_return >= margin,
      { mixer_with_subgoals: subgoals.team_return, mixer: mixer.team_return, required_margin: margin },
    ),
    claim(
      `Subgoal-based HRL: the mixer with subgoals coordinates (both buttons pressed) at least as often as the mixer alone (within ${tolerance})`,
      subgoals.coordination_rate >= mixer.coordination_rate - tolerance,
      { mixer_with_subgoals: subgoals.coordination_rate, mixer: mixer.coordination_rate, tolerance },
    ),
    claim(
      `QMIX-style credit assignment: the monotonic mixer earns a higher team return than independent Q-learners (by ≥ ${margin})`,
      mixer.team_return - independent.team_return >= margin,
      { mixer: mixer.team_return, independent: independent.team_return, required_margin: margin },
    ),
    claim(
      `Subgoal-based HRL: the mixer with subgoals earns a higher team return than independent Q-learners (by ≥ ${margin})`,
      subgoals.team_return - independent.team_return >= margin,
      {
        mixer_with_subgoals: subgoals.team_return,
        independent: independent.team_return,
        required_margin: margin,
      },
    ),
  ];
}
