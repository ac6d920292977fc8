import { dirname, resolve as resolvePath } from "node:path";
import type { Writable } from "node:stream";
import { groupSamples } from "../advantage/index.js";
import {
  type Context,
  createContext,
  type Logger,
  RewardkitError,
  type Sample,
  silentLogger,
} from "../core/index.js";
import { checkOutputFiles, openSink, type RowRead, type RowSource, resumable } from "../io/index.js";
import type { LoadedSpec } from "./load-spec.js";
import { type LinedOutRow, OrderedOutput } from "./ordered-output.js";
import { prepareResume } from "./resume.js";
import { type ImageOptions, resolveImages } from "./sample-images.js";
import { advantageAt, rowAdditions, scoreSamples } from "./score-samples.js";
import { ScoreSummary } from "./summary.js";
import { type FieldMap, MappingCheck, readPath, rowToSample } from "./to-sample.js";
import { groupKeyOf, planWholeGroups } from "./whole-groups.js";

export interface RunScoreOptions {
  loaded: LoadedSpec;
  /** A file path or `-` for stdin. */
  input: string;
  /** A file path (`.parquet` writes Parquet, `.gz` gzipped JSONL) or `-` for stdout. */
  output: string;
  stdout?: Writable;
  concurrency?: number;
  batchSize?: number;
  fields?: FieldMap;
  /** Keep what an earlier run wrote to `output` and continue after it (plain JSONL outputs only). */
  resume?: boolean;
  /** Thresholds for the group counts: a reward at or above `correctAt` is correct (default 1). */
  diagnostics?: { correctAt?: number; wrongAt?: number };
  runId?: string;
  logger?: Logger;
  /** Images in rows: the size limit (local files are read relative to the input file's folder). */
  images?: Pick<ImageOptions, "maxBytes">;
  /** Told about each unreadable row (file, line, why). */
  onBadRow?: (where: string, message: string) => void;
  /** Told how far through the input the run is. */
  onProgress?: (source: RowSource) => void;
}

/** One usable row of a batch, with where it came from. */
interface Usable {
  read: Extract<RowRead, { ok: true }>;
  sample: Sample;
  /** An earlier run (`--resume`) already wrote this row. */
  written: boolean;
}

/**
 * Reads rows, scores them batch by batch — every group whole in one batch, whatever the input
 * order — writes rows out in input order, and sums up. The output is refused when it is the input.
 */
export async function runScore(options: RunScoreOptions): Promise<ScoreSummary> {
  const { loaded } = options;
  const summary = new ScoreSummary();
  const fields = options.fields ?? {};
  const resume = options.resume ?? false;
  if (resume && !resumable(options.output)) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `--resume continues a plain JSONL file; ${options.output === "-" ? "stdout" : options.output} cannot be resumed`,
    );
  }
  await checkOutputFiles({
    inputs: [{ flag: "--input", path: options.input }],
    outputs: [{ flag: "--output", path: options.output }],
  });
  const estimator = loaded.estimator;
  if (estimator) summary.countGroups(options.diagnostics ?? {});
  const groupField = fields.group ?? "group";
  const groupOf = (row: Record<string, unknown>) => groupKeyOf(readPath(row, groupField));
  const mapping = new MappingCheck(fields);
  const resumeRows = resume ? await prepareResume(options.output) : 0;
  const plan = await planWholeGroups({
    input: options.input,
    groupsMatter: estimator !== undefined || loaded.usesGroups,
    batchSize: options.batchSize ?? 512,
    groupOf,
    resume: {
      rows: resumeRows,
      usable: (read) => read.ok && !(rowToSample(read.row, fields) instanceof Error),
    },
    onProgress: options.onProgress,
  });
  const { source } = plan;
  const output = new OrderedOutput(
    openSink(options.output, { stdout: options.stdout, append: resumeRows > 0 }),
    plan.inInputOrder ? undefined : plan.spool,
  );
  const context: Context = createContext({
    runId: options.runId ?? "cli",
    concurrency: options.concurrency ?? 16,
    logger: options.logger ?? silentLogger,
  });
  let usableSoFar = 0;
  const isWritten = (line: number): boolean => {
    if (resumeRows === 0) return false;
    if (plan.inInputOrder) return ++usableSoFar <= resumeRows;
    return line <= (plan.writtenThrough ?? 0);
  };
  const groupsMatter = estimator !== undefined || loaded.usesGroups;
  const images: ImageOptions = {
    baseDir: options.input === "-" ? process.cwd() : dirname(resolvePath(options.input)),
    maxBytes: options.images?.maxBytes,
  };
  try {
    for await (const batch of plan.batches) {
      const usable: Usable[] = [];
      for (const read of batch) {
        if (!read.ok) {
          summary.addBadLine(`${source.label}:${read.line}`, read.message);
          options.onBadRow?.(`${source.label}:${read.line}`, read.message);
          continue;
        }
        mapping.see(read.row);
        const parsed = rowToSample(read.row, fields);
        const sample = parsed instanceof Error ? parsed : resolveImages(parsed, images);
        if (sample instanceof Error) {
          summary.addBadLine(`${source.label}:${read.line}`, (sample as RewardkitError).message);
          options.onBadRow?.(`${source.label}:${read.line}`, (sample as RewardkitError).message);
          continue;
        }
        usable.push({ read, sample, written: isWritten(read.line) });
      }
      const todo = toScore(usable, groupsMatter);
      for (const row of usable) if (row.written) summary.resumedRows++;
      if (todo.length > 0) await scoreBatch(todo, { loaded, context, summary, output, label: source.label });
      options.onProgress?.(source);
    }
    await output.finish();
  } finally {
    try {
      await output.close();
    } finally {
      plan.close();
    }
  }
  for (const warning of mapping.warnings()) summary.warnings.push(warning);
  return summary;
}

/**
 * The rows of a batch to score: with `--resume`, rows already written are left out, except those
 * whose group still has rows to write (their group must be whole for its advantages).
 */
function toScore(usable: readonly Usable[], groupsMatter: boolean): Usable[] {
  if (!usable.some((row) => row.written)) return [...usable];
  if (!groupsMatter) return usable.filter((row) => !row.written);
  const open = new Set<unknown>();
  for (const row of usable) if (!row.written && row.sample.group !== undefined) open.add(row.sample.group);
  return usable.filter(
    (row) => !row.written || (row.sample.group !== undefined && open.has(row.sample.group)),
  );
}

async function scoreBatch(
  rows: readonly Usable[],
  run: { loaded: LoadedSpec; context: Context; summary: ScoreSummary; output: OrderedOutput; label: string },
): Promise<void> {
  const { summary } = run;
  const samples = rows.map((row) => row.sample);
  const scored = await scoreSamples(run.loaded.reward, run.loaded.estimator, samples, run.context);
  if (scored.advantage) {
    summary.addGroups({
      rewards: scored.results.map((result) => result.score),
      advantages: scored.advantage.advantages,
      groups: groupSamples(samples),
      keep: scored.advantage.keep,
    });
  }
  const out: LinedOutRow[] = [];
  rows.forEach((row, index) => {
    if (row.written) return;
    const result = scored.results[index] as (typeof scored.results)[number];
    const advantage = advantageAt(scored.advantage, index);
    summary.add(result, advantage?.value, { id: row.sample.id, line: row.read.line });
    if (run.loaded.estimator && row.sample.group === undefined) {
      const id = row.sample.id === undefined ? "" : ` (id ${JSON.stringify(row.sample.id)})`;
      summary.addUngrouped(`${run.label}:${row.read.line}${id}`);
    }
    out.push({
      row: row.read.row,
      additions: rowAdditions(result, advantage),
      text: row.read.text,
      line: row.read.line,
    });
  });
  await run.output.write(out);
}
