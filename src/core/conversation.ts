import type { Message, Sample } from "./sample.js";

/** A prompt as messages: a string prompt is one user message (none when it is empty). */
export function promptMessages(prompt: Sample["prompt"]): Message[] {
  if (typeof prompt !== "string") return prompt;
  return prompt === "" ? [] : [{ role: "user", content: prompt }];
}

/** Where each assistant turn starts in a completion given as messages. */
export function assistantIndices(completion: readonly Message[]): number[] {
  const indices: number[] = [];
  for (let index = 0; index < completion.length; index++) {
    if (completion[index]?.role === "assistant") indices.push(index);
  }
  return indices;
}

/**
 * One assistant turn of a conversation: the assistant message and the `tool` messages right after
 * it (the results of its calls), with the conversation before it as its context.
 */
export interface AssistantTurn {
  /** The turn's position among the assistant turns (0-based). */
  readonly index: number;
  /** The prompt followed by every completion message before the turn. */
  readonly context: Message[];
  /** The assistant message and the tool results that answer it. */
  readonly messages: Message[];
}

/**
 * The assistant turns of a sample. A string completion is a single turn whose context is the
 * prompt; a message completion has one turn per assistant message (none if it has no assistant
 * message). User messages in the completion (an environment's feedback) belong to the context of
 * the turns after them.
 */
export function assistantTurns(sample: Pick<Sample, "prompt" | "completion">): AssistantTurn[] {
  const prompt = promptMessages(sample.prompt);
  const completion = sample.completion;
  if (typeof completion === "string") {
    return [{ index: 0, context: prompt, messages: [{ role: "assistant", content: completion }] }];
  }
  const starts = assistantIndices(completion);
  return starts.map((start, index) => {
    let end = start + 1;
    while (end < completion.length && completion[end]?.role === "tool") end++;
    return {
      index,
      context: prompt.concat(completion.slice(0, start)),
      messages: completion.slice(start, end),
    };
  });
}

/**
 * Each assistant turn as a sample of its own: the conversation before the turn is its prompt and
 * the turn (with its tool results) its completion; `reference`, `group`, `id` and the rest are
 * kept, and `meta.turn` says which turn it is (`{index, count}`). A string completion gives the
 * sample itself as its only turn.
 */
export function turnSamples(sample: Sample): Sample[] {
  if (typeof sample.completion === "string") return [sample];
  const turns = assistantTurns(sample);
  return turns.map((turn) => ({
    ...sample,
    prompt: turn.context,
    completion: turn.messages,
    meta: { ...sample.meta, turn: { index: turn.index, count: turns.length } },
  }));
}
