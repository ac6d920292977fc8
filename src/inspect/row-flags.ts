import { hackingThresholdsSchema, textSignals } from "../diagnose/index.js";
import { type InspectRow, rowText } from "./inspect-row.js";

/**
 * The flags a row can carry on the page, to filter by. The text ones are the per-completion checks
 * of the reward-hacking diagnostics (diagnose/hacking/text, with its default thresholds), the group
 * ones are the GRPO group states (`group-table.ts`).
 */
export const rowFlagNames = [
  "repeated_ngrams",
  "answer_hedging",
  "copied_prompt",
  "master_key_replies",
  "zero_std_group",
  "all_correct_group",
  "error",
] as const;

export type RowFlag = (typeof rowFlagNames)[number];

const defaults = hackingThresholdsSchema.parse({});
const thresholds = {
  ngram: defaults.ngram,
  repetition: defaults.repetition,
  copyCoverage: defaults.copy_coverage,
};

/** Adds the row's text flags (and `error`) to `row.flags`. */
export function addTextFlags(row: InspectRow): void {
  if (row.error) row.flags.push("error");
  const signals = textSignals(rowText(row, "prompt"), rowText(row, "completion"), thresholds);
  if (signals.repeated === true) row.flags.push("repeated_ngrams");
  if (signals.hedging) row.flags.push("answer_hedging");
  if (signals.copied === true) row.flags.push("copied_prompt");
  if (signals.masterKey) row.flags.push("master_key_replies");
}
