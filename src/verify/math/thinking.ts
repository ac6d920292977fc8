/** The part of a completion a final answer may be read from. */
export interface AnswerRegion {
  text: string;
  /** Why the region is smaller than the completion, for reasons. */
  note?: string;
}

const closers = ["</think>", "</thinking>", "</reasoning>"] as const;
const opener = /<(?:think|thinking|reasoning)>/i;

/**
 * The text after the last closing think tag (`</think>`, `</thinking>`, `</reasoning>`): a
 * reasoning model's scratchpad holds drafts and guesses, not its answer, so an answer that appears
 * only inside it is not read (a policy would otherwise be paid for a guess it never commits to).
 * A completion that opens a think block and never closes it has nothing outside it to read.
 * Without any think tag the whole completion is the region.
 */
export function outsideThinking(text: string): AnswerRegion {
  if (!text.includes("<t") && !text.includes("<r") && !text.includes("</")) return { text };
  let end = -1;
  for (const closer of closers) {
    const at = text.lastIndexOf(closer);
    if (at >= 0 && at + closer.length > end) end = at + closer.length;
  }
  if (end >= 0) return { text: text.slice(end), note: "read after the think block" };
  if (opener.test(text)) return { text: "", note: "the think block is never closed" };
  return { text };
}
