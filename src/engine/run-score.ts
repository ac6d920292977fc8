import type { Writable } from "node:stream";
import {
  type Context,
  createContext,
  type Logger,
  type RewardkitError,
  type Sample,
  silentLogger,
} from "../core/index.js";
import {
  jsonlFileSink,
  jsonlSink,
  openRows,
  parquetFileSink,
  type RowSink,
  type RowSource,
} from "../io/index.js";
import { groupAlignedBatches } from "./batches.js";
import type { LoadedSpec } from "./load-spec.js";
import { prepareResume } from "./resume.js";
import { advantageAt, rowAdditions, scoreSamples } from "./score-samples.js";
import { ScoreSummary } from "./summary.js";
import { type FieldMap, rowToSample } from "./to-sample.js";

export interface RunScoreOptions {
  loaded: LoadedSpec;
  /** A file path or `-` for stdin. */
  input: string;
  /** A file path (`.parquet` writes Parquet) or `-` for stdout. */
  output: string;
  stdout?: Writable;
  concurrency?: number;
  batchSize?: number;
  fields?: FieldMap;
  /** Keep what an earlier run wrote to `output` and continue after it. */
  resume?: boolean;
  runId?: string;
  logger?: Logger;
  /** Told about each unreadable row (file, line, why). */
  onBadRow?: (where: string, message: string) => void;
  /** Told how far through the input the run is. */
  onProgress?: (source: RowSource) => void;
}

/** Reads rows, scores them batch by batch, writes rows out in order, and sums up. */
export async function runScore(options: RunScoreOptions): Promise<ScoreSummary> {
  const { loaded } = options;
  const summary = new ScoreSummary();
  const source = await openRows(options.input);
  let skip = 0;
  if (options.resume && options.output !== "-" && !options.output.endsWith(".parquet")) {
    skip = await prepareResume(options.output);
  }
  const sink = openSink(options, skip > 0);
  const context: Context = createContext({
    runId: options.runId ?? "cli",
    concurrency: options.concurrency ?? 16,
    logger: options.logger ?? silentLogger,
  });
  const fields = options.fields ?? {};
  const groupField = fields.group ?? "group";
  const batches = groupAlignedBatches(source, {
    size: options.batchSize ?? 512,
    groupKey: (row) => row[groupField],
  });
  try {
    for await (const batch of batches) {
      const rows: Record<string, unknown>[] = [];
      const texts: (string | undefined)[] = [];
      const samples: Sample[] = [];
      const lines: number[] = [];
      for (const read of batch) {
        if (!read.ok) {
          summary.addBadLine(`${source.label}:${read.line}`, read.message);
          options.onBadRow?.(`${source.label}:${read.line}`, read.message);
          continue;
        }
        const sample = rowToSample(read.row, fields);
        if (sample instanceof Error) {
          summary.addBadLine(`${source.label}:${read.line}`, (sample as RewardkitError).message);
          options.onBadRow?.(`${source.label}:${read.line}`, (sample as RewardkitError).message);
          continue;
        }
        if (skip > 0) {
          skip--;
          continue;
        }
        rows.push(read.row);
        lines.push(read.line);
        texts.push(read.text);
        samples.push(sample);
      }
      if (samples.length > 0) {
        const scored = await scoreSamples(loaded.reward, loaded.estimator, samples, context);
        summary.addDiagnostics(scored.advantage?.diagnostics);
        const out = rows.map((row, index) => {
          const advantage = advantageAt(scored.advantage, index);
          summary.add(scored.results[index] as (typeof scored.results)[number], advantage?.value, {
            id: samples[index]?.id,
            line: lines[index],
          });
          const result = scored.results[index] as (typeof scored.results)[number];
          return { row, additions: rowAdditions(result, advantage), text: texts[index] };
        });
        await sink.write(out);
      }
      options.onProgress?.(source);
    }
  } finally {
    await sink.close();
  }
  return summary;
}

function openSink(options: RunScoreOptions, append: boolean): RowSink {
  if (options.output === "-") return jsonlSink(options.stdout ?? process.stdout, false);
  if (options.output.endsWith(".parquet")) return parquetFileSink(options.output);
  return jsonlFileSink(options.output, { append });
}
