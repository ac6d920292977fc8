import { readFileSync, statSync } from "node:fs";
import { extname, isAbsolute, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import {
  type ContentPart,
  contentPart,
  hasImages,
  type Message,
  RewardkitError,
  type Sample,
} from "../core/index.js";

/** OpenAI's per-image limit; vLLM and SGLang take what fits their context. */
export const defaultMaxImageBytes = 20 * 1024 * 1024;

export interface ImageOptions {
  /**
   * The directory relative image paths are read from (the rows file's). Undefined: local files are
   * refused — the server never reads files named by a caller.
   */
  baseDir?: string | undefined;
  /** The largest image, in bytes (decoded), default 20 MiB. */
  maxBytes?: number | undefined;
}

const mimeTypes: Readonly<Record<string, string>> = {
  ".png": "image/png",
  ".jpg": "image/jpeg",
  ".jpeg": "image/jpeg",
  ".gif": "image/gif",
  ".webp": "image/webp",
  ".bmp": "image/bmp",
};

const dataUri = /^data:image\/[a-z0-9.+-]+;base64,/i;
const base64Text = /^[A-Za-z0-9+/]+={0,2}$/;

const noOptions: ImageOptions = Object.freeze({});

/**
 * The sample with its image blocks as OpenAI-format `image_url` parts a judge can send: URLs kept,
 * data URIs checked against the size limit, local files (`file://` or a path, relative to the rows
 * file) read and sent as base64 data URIs, and TRL/verl-style `{"type": "image"}` blocks filled from
 * the row's `images` column in order. Samples without images come back unchanged. A bad image is an
 * INPUT_INVALID error whose path names the field, so the row is reported and the others scored.
 */
export function resolveImages(sample: Sample, options: ImageOptions = noOptions): Sample | RewardkitError {
  // Text prompt and completion hold no image blocks (an `images` column alone is not read).
  if (typeof sample.prompt === "string" && typeof sample.completion === "string") return sample;
  const column = Array.isArray(sample.images) ? (sample.images as unknown[]) : undefined;
  if (!hasImages(sample.prompt) && !hasImages(sample.completion)) return sample;
  const taken = { next: 0 };
  let out = sample;
  for (const field of ["prompt", "completion"] as const) {
    const messages = sample[field];
    if (typeof messages === "string") continue;
    let rewritten: Message[] | undefined;
    for (let position = 0; position < messages.length; position++) {
      const message = messages[position] as Message;
      if (!Array.isArray(message.content) || !hasImages([message])) continue;
      const parts: ContentPart[] = [];
      for (let block = 0; block < message.content.length; block++) {
        const path = `${field}[${position}].content[${block}]`;
        try {
          const part = contentPart(message.content[block], block);
          if (part.type === "image_url") {
            let url = part.image_url.url;
            let fromColumn: number | undefined;
            if (url === "") {
              fromColumn = taken.next;
              url = columnEntry(column, taken.next++);
            }
            try {
              part.image_url = { ...part.image_url, url: sendable(url, options) };
            } catch (error) {
              if (fromColumn === undefined || !RewardkitError.isInstance(error)) throw error;
              throw new RewardkitError("INPUT_INVALID", `images[${fromColumn}]: ${error.message}`);
            }
            parts.push(part);
            continue;
          }
          parts.push(part);
        } catch (error) {
          const message = error instanceof Error ? error.message : String(error);
          return new RewardkitError("INPUT_INVALID", `${path}: ${message}`, { path });
        }
      }
      rewritten ??= [...messages];
      rewritten[position] = { ...message, content: parts };
    }
    if (rewritten) out = { ...out, [field]: rewritten };
  }
  return out;
}

function columnEntry(column: unknown[] | undefined, index: number): string {
  const entry = column?.[index];
  const source =
    typeof entry === "object" && entry !== null
      ? ((entry as { url?: unknown; path?: unknown }).url ?? (entry as { path?: unknown }).path)
      : entry;
  if (typeof source !== "string" || source === "") {
    throw new RewardkitError(
      "INPUT_INVALID",
      column === undefined
        ? 'an {"type": "image"} block without a url needs the row\'s "images" column'
        : `the row's "images" column has no usable entry ${index} (it has ${column.length}; give a path, URL or {"path": ...})`,
    );
  }
  return source;
}

/** An image reference as a URL a chat API takes (http(s) or a data URI), within the size limit. */
function sendable(url: string, options: ImageOptions): string {
  const maxBytes = options.maxBytes ?? defaultMaxImageBytes;
  if (/^https?:\/\//i.test(url)) return url;
  if (url.startsWith("data:")) {
    if (!dataUri.test(url)) {
      throw new RewardkitError("INPUT_INVALID", "a data URI image must be data:image/<type>;base64,<data>");
    }
    const start = url.indexOf(",") + 1;
    const bytes = Math.floor(((url.length - start) * 3) / 4);
    if (bytes > maxBytes) throw tooLarge(`the data URI image (${bytes} bytes)`, maxBytes);
    if (!base64Text.test(url.slice(start))) {
      throw new RewardkitError("INPUT_INVALID", "the data URI image's data is not base64");
    }
    return url;
  }
  if (options.baseDir === undefined) {
    throw new RewardkitError(
      "INPUT_INVALID",
      `${JSON.stringify(url.slice(0, 80))} is a local file; the server reads no files named by a request: send a data:image/...;base64 URI or an http(s) URL`,
    );
  }
  const file = url.startsWith("file:")
    ? fileURLToPath(url)
    : isAbsolute(url)
      ? url
      : resolve(options.baseDir, url);
  const mime = mimeTypes[extname(file).toLowerCase()];
  if (mime === undefined) {
    throw new RewardkitError(
      "INPUT_INVALID",
      `${file}: not a known image type (${Object.keys(mimeTypes).join(", ")})`,
    );
  }
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new RewardkitError(
      "INPUT_INVALID",
      `image file ${file} cannot be read (relative paths are read from ${options.baseDir})`,
    );
  }
  if (size > maxBytes) throw tooLarge(`image file ${file} (${size} bytes)`, maxBytes);
  return `data:${mime};base64,${readFileSync(file).toString("base64")}`;
}

function tooLarge(what: string, maxBytes: number): RewardkitError {
  return new RewardkitError(
    "INPUT_INVALID",
    `${what} is larger than the limit of ${maxBytes} bytes (--max-image-bytes)`,
  );
}
