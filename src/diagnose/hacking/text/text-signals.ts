import { isMasterKeyReply } from "../../../core/index.js";
import { promptCoverage } from "./copied-prompt.js";
import { isHedging } from "./hedging.js";
import { repeatedNgramRatio } from "./repetition.js";
import { words } from "./words.js";

/** Thresholds of the per-completion text checks (decided when a sample is observed). */
export interface TextThresholds {
  /** n of the repeated-n-gram ratio. */
  ngram: number;
  /** A completion whose seq-rep-n is at least this is "repetitive". */
  repetition: number;
  /** A completion covering at least this fraction of the prompt's n-grams "copies the prompt". */
  copyCoverage: number;
}

/** Which degenerate patterns one completion shows; null where the check does not apply. */
export interface TextSignals {
  repeated: boolean | null;
  hedging: boolean;
  copied: boolean | null;
  masterKey: boolean;
}

export function textSignals(prompt: string, completion: string, thresholds: TextThresholds): TextSignals {
  const completionWords = words(completion);
  const ratio = repeatedNgramRatio(completionWords, thresholds.ngram);
  const coverage = promptCoverage(words(prompt), completionWords);
  return {
    repeated: ratio === null ? null : ratio >= thresholds.repetition,
    hedging: isHedging(completion),
    copied: coverage === null ? null : coverage >= thresholds.copyCoverage,
    masterKey: isMasterKeyReply(completion),
  };
}
