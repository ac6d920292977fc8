import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import type { Readable } from "node:stream";
import { StringDecoder } from "node:string_decoder";
import { createGunzip } from "node:zlib";
import { RewardkitError } from "../core/index.js";
import type { RowRead, RowSource } from "./row-source.js";

/**
 * Reads JSON Lines as a stream, in bounded memory whatever the file size. A line that is not a
 * JSON object is reported with its number and the rest go on. Blank lines are skipped.
 * Gzipped files (`.gz`) are decompressed on the fly.
 */
export async function openJsonl(file: string): Promise<RowSource> {
  const size = (await stat(file)).size;
  const raw = createReadStream(file, { highWaterMark: 1 << 20 });
  const gzip = file.endsWith(".gz");
  const stream = gzip ? raw.pipe(createGunzip()) : raw;
  // A failed read or a .gz file that is not gzip (zlib: "incorrect header check") is the input's fault.
  if (gzip) raw.on("error", (error) => stream.destroy(error));
  const source = jsonlFromStream(stream, file, { total: size, progress: () => raw.bytesRead });
  return {
    label: source.label,
    total: source.total,
    get progress() {
      return source.progress;
    },
    async *[Symbol.asyncIterator]() {
      try {
        yield* source;
      } catch (error) {
        if (RewardkitError.isInstance(error)) throw error;
        const message = (error as Error).message;
        const what =
          gzip && /header|gzip|unexpected end/i.test(message) ? "is not valid gzip data" : "cannot be read";
        throw new RewardkitError("INPUT_INVALID", `${file} ${what}: ${message}`, { cause: error });
      }
    },
  };
}

export function jsonlFromStream(
  stream: Readable,
  label: string,
  sizing: { total?: number; progress?: () => number } = {},
): RowSource {
  let consumed = 0;
  return {
    label,
    total: sizing.total,
    get progress() {
      return sizing.progress ? sizing.progress() : consumed;
    },
    async *[Symbol.asyncIterator]() {
      const decoder = new StringDecoder("utf8");
      let carry = "";
      let line = 0;
      for await (const chunk of stream) {
        const buffer = chunk as Buffer;
        consumed += buffer.length;
        const text = carry + decoder.write(buffer);
        let start = 0;
        for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
          line++;
          const parsed = parseLine(text.slice(start, newline), line);
          if (parsed) yield parsed;
          start = newline + 1;
        }
        carry = text.slice(start);
      }
      carry += decoder.end();
      if (carry.length > 0) {
        line++;
        const parsed = parseLine(carry, line);
        if (parsed) yield parsed;
      }
    },
  };
}

function parseLine(text: string, line: number): RowRead | undefined {
  const trimmed = text.endsWith("\r") ? text.slice(0, -1) : text;
  // Rows start with "{"; only lines that do not are checked for being blank (trim allocates).
  if (trimmed.charCodeAt(0) !== 123 && trimmed.trim() === "") return undefined;
  let value: unknown;
  try {
    value = JSON.parse(trimmed);
  } catch (error) {
    return { ok: false, line, message: `invalid JSON: ${(error as Error).message}` };
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    return {
      ok: false,
      line,
      message: `expected a JSON object, got ${Array.isArray(value) ? "an array" : typeof value}`,
    };
  }
  return { ok: true, line, row: value as Record<string, unknown>, text: trimmed };
}
