import { z } from "zod";
import { defaultErrorPrefixes } from "./tool-result.js";

/** The score of a conversation that made no call at all (nothing to judge, so nothing went wrong). */
export const noCallsField = z
  .number()
  .default(1)
  .describe("The score when the completion makes no tool call.");

export const errorPrefixesField = z
  .array(z.string().min(1))
  .default([...defaultErrorPrefixes])
  .describe(
    "Text prefixes of a `tool` message that mark a failed call (besides `error` fields and JSON/dict errors).",
  );

/** The result for a completion without calls: `no_calls`, explained when it is not a full score. */
export function noCallsResult(score: number): number | { score: number; reason: string } {
  return score === 1 ? 1 : { score, reason: "no tool call" };
}

/** A fraction, written for reasons ("2 of 3"). */
export function ratio(good: number, total: number): string {
  return `${good} of ${total}`;
}
