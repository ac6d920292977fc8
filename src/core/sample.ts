import { z } from "zod";
import { RewardkitError } from "./errors.js";

/** A chat message, as OpenAI-compatible APIs and chat templates write them. */
export const messageSchema = z
  .object({
    role: z.string(),
    content: z.union([z.string(), z.null(), z.array(z.unknown())]).optional(),
    tool_calls: z.array(z.unknown()).optional(),
  })
  .loose();
export type Message = z.infer<typeof messageSchema>;

/** One step of an agent trajectory (GiGPO, SPA-RL, potential shaping). */
export const stepSchema = z
  .object({
    state: z.unknown().optional(),
    observation: z.string().optional(),
    action: z.unknown().optional(),
    reward: z.number().optional(),
    /** The episode ended at this step (terminated or truncated). */
    done: z.boolean().optional(),
    /** What the environment said about the step (events, diagnostics). */
    info: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();
export type Step = z.infer<typeof stepSchema>;

const textOrMessages = z.union([z.string(), z.array(messageSchema)]);

/**
 * What is scored: one rollout (single-turn) or one trajectory (multi-step). The row format of
 * `rewardkit score` and the server's `samples` are this shape plus any extra fields, which are kept.
 */
export const sampleSchema = z
  .object({
    id: z.union([z.string(), z.number()]).optional(),
    prompt: textOrMessages.default(""),
    completion: textOrMessages,
    reference: z.unknown().optional(),
    group: z.union([z.string(), z.number()]).optional(),
    steps: z.array(stepSchema).optional(),
    meta: z.record(z.string(), z.unknown()).optional(),
  })
  .loose();

export interface Sample {
  id?: string | number;
  prompt: string | Message[];
  completion: string | Message[];
  reference?: unknown;
  group?: string | number;
  steps?: Step[];
  meta?: Record<string, unknown>;
  [extra: string]: unknown;
}

/** Content block types that hold text: chat completions' `text`, the Responses API's input/output text. */
const textBlockTypes: ReadonlySet<unknown> = new Set(["text", "input_text", "output_text", undefined]);
const imageBlockTypes: ReadonlySet<unknown> = new Set(["image_url", "input_image", "image"]);

/**
 * A message's content as text: the string itself, or its text blocks (`[{"type": "text", "text":
 * ...}]`) joined. Any other block (an image, audio, a file) throws INPUT_INVALID naming it: a
 * reward must not score what it cannot read as if it were empty.
 */
export function contentText(content: Message["content"]): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  let text = "";
  for (let index = 0; index < content.length; index++) {
    const block: unknown = content[index];
    if (typeof block === "string") {
      text += block;
      continue;
    }
    const { type, text: blockText } = (typeof block === "object" && block !== null ? block : {}) as {
      type?: unknown;
      text?: unknown;
    };
    if (typeof blockText !== "string" || !textBlockTypes.has(type)) {
      const kind =
        typeof type !== "string"
          ? `${JSON.stringify(block)?.slice(0, 60)}`
          : textBlockTypes.has(type)
            ? `a "${type}" block whose text is not a string`
            : `a "${type}" block`;
      const imageNote = imageBlockTypes.has(type)
        ? " by this reward (judges read images: judge, pairwise, listwise, listener, mpo)"
        : "";
      throw new RewardkitError(
        "INPUT_INVALID",
        `content[${index}] is ${kind}; only text blocks ({"type": "text", "text": ...}) can be read${imageNote}`,
        { details: { block: index } },
      );
    }
    text += blockText;
  }
  return text;
}

/** The completion as text: the string itself, or the last assistant message's content. */
export function completionText(sample: Pick<Sample, "completion">): string {
  const completion = sample.completion;
  if (typeof completion === "string") return completion;
  for (let index = completion.length - 1; index >= 0; index--) {
    const message = completion[index];
    if (message && message.role === "assistant") return contentText(message.content);
  }
  const last = completion[completion.length - 1];
  return last ? contentText(last.content) : "";
}

/** The prompt as text: the string itself, or the last user message's content. */
export function promptText(sample: Pick<Sample, "prompt">): string {
  const prompt = sample.prompt;
  if (typeof prompt === "string") return prompt;
  for (let index = prompt.length - 1; index >= 0; index--) {
    const message = prompt[index];
    if (message && message.role === "user") return contentText(message.content);
  }
  return prompt.map((message) => contentText(message.content)).join("\n");
}

/** The reference as text (answers are often numbers in datasets). */
export function referenceText(sample: Pick<Sample, "reference">): string | undefined {
  const reference = sample.reference;
  if (reference === undefined || reference === null) return undefined;
  if (typeof reference === "string") return reference;
  if (typeof reference === "number" || typeof reference === "boolean") return String(reference);
  return JSON.stringify(reference);
}
