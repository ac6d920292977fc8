import type { Writable } from "node:stream";
import { jsonlFileSink, jsonlSink } from "./jsonl-writer.js";
import { parquetFileSink } from "./parquet-writer.js";
import type { RowSink } from "./row-sink.js";

/**
 * Where a command's rows go: `-` is JSON Lines on stdout, `.parquet` is Parquet, `.gz` is gzipped
 * JSON Lines, anything else JSON Lines. `append` keeps what a JSONL file already holds (`--resume`).
 */
export function openSink(
  output: string,
  options: { stdout?: Writable | undefined; append?: boolean } = {},
): RowSink {
  if (output === "-") return jsonlSink(options.stdout ?? process.stdout, false, { label: "stdout" });
  if (output.endsWith(".parquet")) return parquetFileSink(output);
  return jsonlFileSink(output, { append: options.append ?? false });
}

/** Whether `--resume` can continue this output (a plain JSONL file, not gzip, Parquet or stdout). */
export function resumable(output: string): boolean {
  return output !== "-" && !output.endsWith(".parquet") && !output.endsWith(".gz");
}
