import type { Verdict } from "./compare.js";
import type { AnswerCandidate } from "./extract.js";

/** A text cut to `length` characters on one line, for reasons. */
export function shorten(text: string, length = 80): string {
  const flat = text.replace(/\s+/g, " ");
  return flat.length > length ? `${flat.slice(0, length - 1)}…` : flat;
}

/** The reason of a verdict: what was read from where, and what decided it. */
export function describe(answer: AnswerCandidate, gold: AnswerCandidate, verdict: Verdict): string {
  return `extracted "${shorten(answer.text)}" from ${answer.source}; ${verdict.equal ? "equal to" : "not equal to"} reference "${shorten(gold.text)}": ${verdict.how}`;
}
