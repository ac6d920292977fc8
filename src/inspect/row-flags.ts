import {
  hackingThresholdsSchema,
  type TextSignals,
  type TextThresholds,
  textSignals,
} from "../diagnose/index.js";
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
/** The thresholds of the row flags' text checks: `rewardkit diagnose`'s defaults. */
export const textFlagThresholds: Readonly<TextThresholds> = Object.freeze({
  ngram: defaults.ngram,
  repetition: defaults.repetition,
  copyCoverage: defaults.copy_coverage,
});

/**
 * Adds the row's text flags (and `error`) to `row.flags`; returns the text checks' signals packed
 * in one small number ({@link packSignals}), so the diagnostics need not run the checks again.
 */
export function addTextFlags(row: InspectRow): number {
  if (row.error) row.flags.push("error");
  const signals = textSignals(rowText(row, "prompt"), rowText(row, "completion"), textFlagThresholds);
  if (signals.repeated === true) row.flags.push("repeated_ngrams");
  if (signals.hedging) row.flags.push("answer_hedging");
  if (signals.copied === true) row.flags.push("copied_prompt");
  if (signals.masterKey) row.flags.push("master_key_replies");
  return packSignals(signals);
}

/** Text signals in one byte: 2 bits each for repeated/copied (null, false, true), 1 each for the rest. */
export function packSignals(signals: TextSignals): number {
  const tri = (value: boolean | null) => (value === null ? 0 : value ? 2 : 1);
  return (
    tri(signals.repeated) | (tri(signals.copied) << 2) | (+signals.hedging << 4) | (+signals.masterKey << 5)
  );
}

/** The inverse of {@link packSignals}. */
export function unpackSignals(packed: number): TextSignals {
  const tri = (bits: number) => (bits === 0 ? null : bits === 2);
  return {
    repeated: tri(packed & 3),
    copied: tri((packed >> 2) & 3),
    hedging: (packed & 16) !== 0,
    masterKey: (packed & 32) !== 0,
  };
}
