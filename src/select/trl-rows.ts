import type { Message } from "../core/index.js";

/**
 * Rows in TRL's dataset formats (prompt-completion for SFTTrainer, preference for DPOTrainer and
 * RewardTrainer, OpenRLHF's `--data.prompt_key/chosen_key/rejected_key`). TRL concatenates
 * `prompt + completion` (and `prompt + chosen`), so both must be text or both message lists: a text
 * answer to a conversational prompt becomes one assistant message.
 */
export type TrlText = string | Message[];

/** The completion in the prompt's format: text for a text prompt, messages for a conversational one. */
export function completionFor(prompt: TrlText, completion: TrlText): TrlText {
  if (typeof prompt === "string") {
    if (typeof completion === "string") return completion;
    const last = completion[completion.length - 1];
    return typeof last?.content === "string" ? last.content : "";
  }
  return typeof completion === "string" ? [{ role: "assistant", content: completion }] : completion;
}

/** A prompt-completion row (SFTTrainer). */
export function sftRow(prompt: TrlText, completion: TrlText): { prompt: TrlText; completion: TrlText } {
  return { prompt, completion: completionFor(prompt, completion) };
}

/**
 * A preference row (DPOTrainer; RewardTrainer reads `margin` too; OpenRLHF reads `margin` for its
 * margin loss). The group is written as text, so a file whose groups mix numbers and strings still
 * loads into one Arrow column.
 */
export function preferenceRow(input: {
  prompt: TrlText;
  chosen: TrlText;
  rejected: TrlText;
  margin: number;
  group: string | number | undefined;
}): { prompt: TrlText; chosen: TrlText; rejected: TrlText; margin: number; group: string | null } {
  return {
    prompt: input.prompt,
    chosen: completionFor(input.prompt, input.chosen),
    rejected: completionFor(input.prompt, input.rejected),
    margin: input.margin,
    group: input.group === undefined ? null : String(input.group),
  };
}
