import { once } from "node:events";
import { createWriteStream } from "node:fs";
import type { Writable } from "node:stream";
import { finished } from "node:stream/promises";
import { createGzip } from "node:zlib";
import { RewardkitError } from "../core/index.js";
import { mergedRow, type OutRow, type RowSink } from "./row-sink.js";

/**
 * Writes JSON Lines with backpressure: one string per batch, awaiting drain when the OS is behind.
 * A stream error (disk full, permission denied) is reported by the next `write` or `close` as an
 * error naming the file, never as an unhandled stream event.
 */
export function jsonlSink(
  stream: Writable,
  ownsStream: boolean,
  options: { label?: string; done?: Writable } = {},
): RowSink {
  let failure: Error | undefined;
  const watched = options.done ?? stream;
  const onError = (error: Error) => {
    failure ??= error;
  };
  stream.on("error", onError);
  if (watched !== stream) watched.on("error", onError);
  const check = () => {
    if (!failure) return;
    throw new RewardkitError(
      "BAD_REQUEST",
      `cannot write ${options.label ?? "the output"}: ${failure.message}`,
      {
        cause: failure,
      },
    );
  };
  return {
    async write(rows) {
      check();
      if (rows.length === 0) return;
      let text = "";
      for (const row of rows) text += `${serialize(row)}\n`;
      // Let the OS write while the next batch is scored; wait only when a real backlog builds up.
      stream.write(text);
      if (stream.writableLength > 16 * 1024 * 1024) {
        await Promise.race([once(stream, "drain"), once(watched, "close")]);
      }
      check();
    },
    async close() {
      if (!ownsStream) return check();
      if (!failure) {
        stream.end();
        await finished(watched).catch(onError);
      }
      check();
    },
  };
}

/** A JSONL file sink; a name ending in `.gz` is written gzip-compressed. */
export function jsonlFileSink(file: string, options: { append?: boolean } = {}): RowSink {
  const fileStream = createWriteStream(file, { flags: options.append ? "a" : "w", highWaterMark: 1 << 20 });
  if (!file.endsWith(".gz")) return jsonlSink(fileStream, true, { label: file });
  const gzip = createGzip();
  gzip.pipe(fileStream);
  return jsonlSink(gzip, true, { label: file, done: fileStream });
}

/**
 * The output line. When the input line is at hand and none of the added keys is already in the
 * row, the additions are spliced in before its closing brace: the row's own (often long) strings
 * are not serialized again, which is most of the writing cost.
 */
export function serialize(out: OutRow): string {
  const text = out.text;
  if (text !== undefined) {
    let clash = false;
    for (const key in out.additions) {
      if (key in out.row) {
        clash = true;
        break;
      }
    }
    const close = clash ? -1 : text.lastIndexOf("}");
    if (close > 0) {
      const additions = JSON.stringify(out.additions);
      if (additions.length <= 2) return text;
      const body = text.slice(0, close).trimEnd();
      const separator = body.endsWith("{") ? "" : ",";
      return `${body}${separator}${additions.slice(1)}`;
    }
  }
  return JSON.stringify(mergedRow(out));
}
