import { contentText, hasImages, type Message, RewardkitError, type Sample } from "../core/index.js";

/**
 * The sample with every message whose content is a list of text blocks (`[{"type": "text", "text":
 * ...}]`, as chat APIs and TRL's conversational datasets write it) turned into plain text, so every
 * reward reads it, user modules included. Messages with images stay as they are, for judges (rewards
 * that read text only fail on them, naming the block); a completion holding any other block (audio,
 * a file) is refused, naming the block: what is scored must be readable.
 */
export function withTextContent(sample: Sample, index: number): Sample | RewardkitError {
  // The common row has text, not messages: nothing to rewrite, and no loop set up for it.
  if (typeof sample.prompt === "string" && typeof sample.completion === "string") return sample;
  let out = sample;
  for (const field of ["prompt", "completion"] as const) {
    const messages = sample[field];
    if (typeof messages === "string") continue;
    let rewritten: Message[] | undefined;
    for (let position = 0; position < messages.length; position++) {
      const message = messages[position] as Message;
      if (!Array.isArray(message.content)) continue;
      let text: string;
      try {
        text = contentText(message.content);
      } catch (error) {
        if (field === "prompt" || hasImages([message]) || !RewardkitError.isInstance(error)) continue;
        return new RewardkitError("INPUT_INVALID", error.message, {
          path: `samples[${index}].completion[${position}].content[${String(error.details?.block)}]`,
        });
      }
      rewritten ??= [...messages];
      rewritten[position] = { ...message, content: text };
    }
    if (rewritten) out = { ...out, [field]: rewritten };
  }
  return out;
}
