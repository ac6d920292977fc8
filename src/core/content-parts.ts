import { RewardkitError } from "./errors.js";
import type { Message } from "./sample.js";

/** A text part of an OpenAI-format message content list. */
export interface TextPart {
  type: "text";
  text: string;
}

/**
 * An image part, as OpenAI-compatible chat APIs (OpenAI, vLLM, SGLang) take it: `url` is an
 * `http(s)://` address, a `data:image/...;base64,...` URI or — in rows read from a file, before
 * the engine resolves it — a local file (`file://...` or a path).
 */
export interface ImagePart {
  type: "image_url";
  image_url: { url: string; detail?: string };
}

export type ContentPart = TextPart | ImagePart;

const textTypes: ReadonlySet<unknown> = new Set(["text", "input_text", "output_text", undefined]);
const imageTypes: ReadonlySet<unknown> = new Set(["image_url", "input_image", "image"]);

/**
 * One content block as a part: text blocks (chat completions' `text`, the Responses API's
 * `input_text`/`output_text`), images as `{"type": "image_url", "image_url": {"url": ...}}` (also
 * with `image_url` a bare string, the Responses API's `input_image`, and Qwen/TRL's `{"type":
 * "image", "image": ...}`). A `{"type": "image"}` without a source is returned with an empty url:
 * it stands for the next entry of the row's `images` column, which the engine fills in.
 * Anything else (audio, files) throws INPUT_INVALID naming the block.
 */
export function contentPart(block: unknown, index: number): ContentPart {
  if (typeof block === "string") return { type: "text", text: block };
  const record = (typeof block === "object" && block !== null ? block : {}) as Record<string, unknown>;
  const type = record.type;
  if (textTypes.has(type) && typeof record.text === "string") return { type: "text", text: record.text };
  if (imageTypes.has(type)) {
    const source = record.image_url ?? record.image ?? record.url ?? record.path;
    const url =
      typeof source === "string"
        ? source
        : typeof source === "object" && source !== null
          ? (source as { url?: unknown }).url
          : source === undefined && type === "image"
            ? ""
            : undefined;
    if (typeof url !== "string") {
      throw new RewardkitError("INPUT_INVALID", `content[${index}] is an image block without a url`, {
        details: { block: index },
      });
    }
    const detail =
      typeof source === "object" && source !== null ? (source as { detail?: unknown }).detail : undefined;
    return {
      type: "image_url",
      image_url: typeof detail === "string" ? { url, detail } : { url },
    };
  }
  const kind =
    typeof type !== "string"
      ? `${JSON.stringify(block)?.slice(0, 60)}`
      : textTypes.has(type)
        ? `a "${type}" block whose text is not a string`
        : `a "${type}" block`;
  throw new RewardkitError(
    "INPUT_INVALID",
    `content[${index}] is ${kind}; only text and image blocks ({"type": "text", "text": ...}, {"type": "image_url", "image_url": {"url": ...}}) can be read`,
    { details: { block: index } },
  );
}

/** A message's content as parts: a string is one text part; null or absent is none. */
export function contentParts(content: Message["content"]): ContentPart[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  if (!Array.isArray(content)) return [];
  return content.map((block, index) => contentPart(block, index));
}

/** Whether a prompt or completion holds any image block (cheap; does not validate). */
export function hasImages(value: string | readonly Message[]): boolean {
  if (typeof value === "string") return false;
  return value.some(
    (message) =>
      Array.isArray(message.content) &&
      message.content.some(
        (block) =>
          typeof block === "object" && block !== null && imageTypes.has((block as { type?: unknown }).type),
      ),
  );
}
