import { completionText, type Reward, type RewardResult, type Sample } from "../../core/index.js";

/**
 * A reward on generated text for the lab's tiny model, as a library {@link Reward}: the select room's
 * loops score it exactly as they score a compiled spec.
 */
export function textReward(
  name: string,
  score: (text: string, sample: Sample) => number | RewardResult,
): Reward {
  return {
    name,
    score: (batch) =>
      Promise.resolve(
        batch.map((sample) => {
          const value = score(completionText(sample), sample);
          return typeof value === "number" ? { score: value } : value;
        }),
      ),
  };
}

/** Occurrences of `needle` in `text`. */
export function occurrences(text: string, needle: string): number {
  let count = 0;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) count++;
  return count;
}

/**
 * The "money question" reward of the text experiments: money amounts ($, up to 3) plus 1 when the
 * text is a finished question (ends with "?" and the model ended it there).
 */
export function moneyQuestion(text: string, finished: boolean): number {
  return Math.min(occurrences(text, "$"), 3) + (finished && text.endsWith("?") ? 1 : 0);
}
