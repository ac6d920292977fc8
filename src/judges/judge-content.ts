import { type ContentPart, contentParts, type ImagePart, type Message } from "../core/index.js";
import type { ChatContent } from "./client/judge-client.js";
import { fillTemplate } from "./template.js";

const placeholder = /\{\{|\}\}|\{([a-z_]+)\}/g;

/**
 * The images of the conversations put into one judge prompt. Each conversation is rendered as text
 * with `[image k]` where its k-th image was (numbered across the prompt), and the images are kept
 * under the placeholder that inserted them; `content` then sends the filled template followed by
 * each image of a placeholder the template uses, labelled `[image k]`, as `image_url` parts. So a
 * VLM judge (Listener-Rewarded Thinking, SophiaVL-R1, MM-RLHF, UnifiedReward-Think judge images)
 * sees the images the text refers to; a prompt without images stays a plain string.
 */
export class JudgeImages {
  readonly #byPlaceholder = new Map<string, Array<{ label: string; part: ImagePart }>>();
  #count = 0;

  /** The conversation as judge text; its images are kept for `name` (`prompt`, `completion`...). */
  text(value: string | readonly Message[], name: string): string {
    if (typeof value === "string") return value;
    const render = (message: Message) => this.#messageText(message, name);
    if (value.length === 1) return render(value[0] as Message);
    return value.map((message) => `${message.role}: ${render(message)}`).join("\n\n");
  }

  /** How many images were met so far. */
  get count(): number {
    return this.#count;
  }

  /** The user message for `template` filled with `values`: a string, or parts with the images. */
  content(template: string, values: Readonly<Record<string, string>>): ChatContent {
    return this.attach(fillTemplate(template, values), usedPlaceholders(template));
  }

  /** `text` followed by the images kept for `names` (all kept images when names is undefined). */
  attach(text: string, names?: readonly string[]): ChatContent {
    const images: Array<{ label: string; part: ImagePart }> = [];
    for (const [name, kept] of this.#byPlaceholder) if (!names || names.includes(name)) images.push(...kept);
    if (images.length === 0) return text;
    const parts: ContentPart[] = [{ type: "text", text }];
    for (const image of images) parts.push({ type: "text", text: image.label }, image.part);
    return parts;
  }

  #messageText(message: Message, name: string): string {
    let text = "";
    for (const part of contentParts(message.content)) {
      if (part.type === "text") {
        text += part.text;
        continue;
      }
      const label = `[image ${++this.#count}]`;
      const kept = this.#byPlaceholder.get(name) ?? [];
      kept.push({ label, part });
      this.#byPlaceholder.set(name, kept);
      text += label;
    }
    return text;
  }
}

/** The placeholders a template fills, in order. */
export function usedPlaceholders(template: string): string[] {
  const names: string[] = [];
  for (const found of template.matchAll(placeholder)) if (found[1] !== undefined) names.push(found[1]);
  return names;
}

/** The text of a chat content (its text parts joined), for logs and heuristics. */
export function chatContentText(content: ChatContent): string {
  if (typeof content === "string") return content;
  return content.map((part) => (part.type === "text" ? part.text : "")).join("");
}
