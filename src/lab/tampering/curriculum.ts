import type { TamperingStage } from "./stage.js";
import { politicalSycophancy } from "./stages/political-sycophancy.js";
import { rewardTampering } from "./stages/reward-tampering.js";
import { insubordinateRubricModification, nudgedRubricModification } from "./stages/rubric-modification.js";
import { toolUseFlattery } from "./stages/tool-use-flattery.js";

/** The curriculum in the paper's order, from sycophancy to subterfuge. A new stage = one file + one line. */
export const tamperingCurriculum = {
  political_sycophancy: politicalSycophancy,
  tool_use_flattery: toolUseFlattery,
  nudged_rubric_modification: nudgedRubricModification,
  insubordinate_rubric_modification: insubordinateRubricModification,
  reward_tampering: rewardTampering,
} as const satisfies Record<string, TamperingStage>;

export type TamperingStageName = keyof typeof tamperingCurriculum;
