import type { Writable } from "node:stream";
import {
  AdvantageDiagnostics,
  type DiagnosticsOptions,
  type GroupSummary,
  groupSamples,
} from "../advantage/index.js";
import { type AdvantageEstimator, RewardkitError, type Sample } from "../core/index.js";
import {
  GroupsOutOfOrder,
  groupKeyOf,
  type LinedOutRow,
  OrderedOutput,
  planWholeGroups,
  readPath,
} from "../engine/index.js";
import { checkOutputFiles, openSink } from "../io/index.js";
import { toAdvantageRow } from "./advantages-rows.js";

export interface RunAdvantagesOptions {
  estimator: AdvantageEstimator;
  /** A file path or `-` for stdin. */
  input: string;
  /** A file path (`.parquet` writes Parquet, `.gz` gzipped JSONL) or `-` for stdout. */
  output: string;
  stdout?: Writable;
  batchSize: number;
  rewardField: string;
  groupField: string;
  diagnostics?: DiagnosticsOptions;
  /** Told about each row that cannot be used (file:line, why); the row is skipped. */
  onBadRow: (where: string, message: string) => void;
  /** Told each group's summary as its batch completes. */
  onGroup?: (summary: GroupSummary) => void;
  /**
   * Told when the run starts over because the file turned out not to be sorted by group: forget the
   * groups told so far (they were computed before the group was complete). Bad rows already told
   * are not told again.
   */
  onRestart?: () => void;
}

export interface RunAdvantagesSummary {
  rows: number;
  badRows: number;
  /** Rows written that carry a scoring `error` (their reward is a node's `on_error` value). */
  erroredRows: number;
  diagnostics: AdvantageDiagnostics;
  /** The estimator's own figures (GiGPO's anchor groups, SPA's fit R²...), averaged over batches by rows. */
  methodDiagnostics: Record<string, number>;
  /** How the input was taken: streamed, or gathered group by group (rows out of group order). */
  how: string;
  /** Rows without a group (each is a group of one), and the first few by file:line and id. */
  ungroupedRows: number;
  ungroupedExamples: string[];
}

/** The figures every estimator reports through `estimate()`; anything else is the method's own. */
const sharedKeys = new Set(Object.keys(new AdvantageDiagnostics().toJSON()));

/**
 * Reads scored rows, computes advantages batch by batch — every group whole in one batch, whatever
 * the input order — and writes each row back, in input order, with `advantage`, `step_advantages`
 * and `filtered` where they apply. The output is refused when it is the input.
 */
export async function runAdvantages(options: RunAdvantagesOptions): Promise<RunAdvantagesSummary> {
  await checkOutputFiles({
    inputs: [{ flag: "--input", path: options.input }],
    outputs: [{ flag: "--output", path: options.output }],
  });
  // A file written to a file streams at once, its group order checked as it goes (one read instead
  // of a read to check and a read to score); if a group comes back, the output is written again
  // from the start through the gathered path. Stdout cannot be taken back: it gets the check first.
  if (options.input === "-" || options.output === "-") return runOnce(options, { streamChecked: false });
  const told = { badThrough: 0 };
  try {
    return await runOnce(options, { streamChecked: true, told });
  } catch (error) {
    if (!(error instanceof GroupsOutOfOrder)) throw error;
  }
  options.onRestart?.();
  return runOnce(options, { streamChecked: false, told });
}

/** One pass over the input; `told.badThrough` is the last line whose bad row was already reported. */
async function runOnce(
  options: RunAdvantagesOptions,
  attempt: { streamChecked: boolean; told?: { badThrough: number } },
): Promise<RunAdvantagesSummary> {
  const plan = await planWholeGroups({
    input: options.input,
    groupsMatter: true,
    batchSize: options.batchSize,
    groupOf: (row) => groupKeyOf(readPath(row, options.groupField)),
    streamChecked: attempt.streamChecked,
  });
  const told = attempt.told;
  const reportBad = (line: number, message: string) => {
    if (told && attempt.streamChecked) told.badThrough = line;
    else if (told && line <= told.badThrough) return;
    options.onBadRow(`${plan.source.label}:${line}`, message);
  };
  const { source } = plan;
  const output = new OrderedOutput(
    openSink(options.output, { stdout: options.stdout }),
    plan.inInputOrder ? undefined : plan.spool,
  );
  const diagnostics = new AdvantageDiagnostics(options.diagnostics);
  const summary: RunAdvantagesSummary = {
    rows: 0,
    badRows: 0,
    erroredRows: 0,
    diagnostics,
    methodDiagnostics: {},
    how: plan.how,
    ungroupedRows: 0,
    ungroupedExamples: [],
  };
  const methodTotals = new Map<string, { sum: number; rows: number }>();
  const fields = { reward: options.rewardField, group: options.groupField };
  try {
    for await (const batch of plan.batches) {
      const rows: { row: Record<string, unknown>; text: string | undefined; line: number }[] = [];
      const samples: Sample[] = [];
      const rewards: number[] = [];
      const components: (Record<string, number> | undefined)[] = [];
      const turnRewards: (number[] | undefined)[] = [];
      const stepRewards: (number[] | undefined)[] = [];
      for (const read of batch) {
        if (!read.ok) {
          summary.badRows++;
          reportBad(read.line, read.message);
          continue;
        }
        const parsed = toAdvantageRow(read.row, fields);
        if (!parsed.ok) {
          summary.badRows++;
          reportBad(read.line, `${parsed.field}: ${parsed.message}`);
          continue;
        }
        if (typeof read.row.error === "object" && read.row.error !== null) summary.erroredRows++;
        if (parsed.sample.group === undefined && summary.ungroupedRows++ < 10) {
          const id = parsed.sample.id === undefined ? "" : ` (id ${JSON.stringify(parsed.sample.id)})`;
          summary.ungroupedExamples.push(`${source.label}:${read.line}${id}`);
        }
        rows.push({ row: read.row, text: read.text, line: read.line });
        samples.push(parsed.sample);
        rewards.push(parsed.reward);
        components.push(parsed.components);
        turnRewards.push(parsed.turnRewards);
        stepRewards.push(parsed.stepRewards);
      }
      if (samples.length === 0) continue;
      let result: ReturnType<AdvantageEstimator["compute"]>;
      try {
        result = options.estimator.compute({ rewards, samples, components, turnRewards, stepRewards });
      } catch (error) {
        throw locateRowError(error, rows, source.label);
      }
      for (const group of diagnostics.add({
        rewards,
        advantages: result.advantages,
        groups: groupSamples(samples),
        keep: result.keep,
      })) {
        options.onGroup?.(group);
      }
      for (const [key, value] of Object.entries(result.diagnostics ?? {})) {
        if (sharedKeys.has(key) || !Number.isFinite(value)) continue;
        const total = methodTotals.get(key) ?? { sum: 0, rows: 0 };
        total.sum += value * samples.length;
        total.rows += samples.length;
        methodTotals.set(key, total);
      }
      const out: LinedOutRow[] = rows.map(({ row, text, line }, index) => {
        const additions: Record<string, unknown> = { advantage: result.advantages[index] };
        const steps = result.stepAdvantages?.[index];
        if (steps !== undefined) additions.step_advantages = steps;
        if (result.keep?.[index] === false) additions.filtered = true;
        return { row, additions, text, line };
      });
      summary.rows += out.length;
      await output.write(out);
    }
    await output.finish();
  } finally {
    try {
      await output.close();
    } finally {
      plan.close();
    }
  }
  for (const [key, total] of methodTotals) summary.methodDiagnostics[key] = total.sum / total.rows;
  return summary;
}

/** An estimator's complaint about sample i, told as the row's file and line. */
function locateRowError(error: unknown, rows: readonly { line: number }[], label: string): unknown {
  if (!RewardkitError.isInstance(error)) return error;
  const index = error.details?.index;
  const field = error.details?.field;
  if (typeof index !== "number" || typeof field !== "string") return error;
  const line = rows[index]?.line;
  if (line === undefined) return error;
  return new RewardkitError(error.code, `${field}: ${error.message}`, {
    path: `${label}:${line}`,
    cause: error,
  });
}
