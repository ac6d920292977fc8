import { componentTakeover } from "./flags/component-takeover.js";
import type { HackingDetector } from "./flags/detector.js";
import { ensembleDisagreement } from "./flags/ensemble-disagreement.js";
import { formatSaturation } from "./flags/format-saturation.js";
import { goldDivergence } from "./flags/gold-divergence.js";
import { judgeVerifierDivergence } from "./flags/judge-verifier-divergence.js";
import { lengthDrift } from "./flags/length-drift.js";
import { lengthRewardCorrelation } from "./flags/length-reward-correlation.js";
import { answerHedging, copiedPrompt, masterKeyReplies, repeatedNgrams } from "./flags/text-flags.js";
import { varianceCollapse } from "./flags/variance-collapse.js";

/** Every reward-hacking flag by name, in report order. A new flag is one file and one line here. */
export const hackingDetectors = {
  length_drift: lengthDrift,
  length_reward_correlation: lengthRewardCorrelation,
  component_takeover: componentTakeover,
  format_saturation: formatSaturation,
  gold_divergence: goldDivergence,
  variance_collapse: varianceCollapse,
  ensemble_disagreement: ensembleDisagreement,
  judge_verifier_divergence: judgeVerifierDivergence,
  repeated_ngrams: repeatedNgrams,
  answer_hedging: answerHedging,
  copied_prompt: copiedPrompt,
  master_key_replies: masterKeyReplies,
} as const satisfies Record<string, HackingDetector>;

export type HackingFlagName = keyof typeof hackingDetectors;
