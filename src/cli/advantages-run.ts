import type { Writable } from "node:stream";
import {
  AdvantageDiagnostics,
  type DiagnosticsOptions,
  type GroupSummary,
  groupSamples,
} from "../advantage/index.js";
import { type AdvantageEstimator, RewardkitError, type Sample } from "../core/index.js";
import { groupAlignedBatches, readPath } from "../engine/index.js";
import {
  jsonlFileSink,
  jsonlSink,
  type OutRow,
  openRows,
  parquetFileSink,
  type RowSink,
} from "../io/index.js";
import { toAdvantageRow } from "./advantages-rows.js";

export interface RunAdvantagesOptions {
  estimator: AdvantageEstimator;
  /** A file path or `-` for stdin. */
  input: string;
  /** A file path (`.parquet` writes Parquet) or `-` for stdout. */
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
}

export interface RunAdvantagesSummary {
  rows: number;
  badRows: number;
  diagnostics: AdvantageDiagnostics;
  /** The estimator's own figures (GiGPO's anchor groups, SPA's fit R²...), averaged over batches by rows. */
  methodDiagnostics: Record<string, number>;
  /** Groups whose rows landed in more than one batch (input not sorted by group): computed per batch. */
  splitGroups: number;
}

/** The figures every estimator reports through `estimate()`; anything else is the method's own. */
const sharedKeys = new Set(Object.keys(new AdvantageDiagnostics().toJSON()));

/**
 * Reads scored rows, computes advantages batch by batch (groups are never split), and writes each
 * row back with `advantage`, `step_advantages` and `filtered` where they apply.
 */
export async function runAdvantages(options: RunAdvantagesOptions): Promise<RunAdvantagesSummary> {
  const source = await openRows(options.input);
  const sink = openSink(options);
  const diagnostics = new AdvantageDiagnostics(options.diagnostics);
  const summary: RunAdvantagesSummary = {
    rows: 0,
    badRows: 0,
    diagnostics,
    methodDiagnostics: {},
    splitGroups: 0,
  };
  const earlierGroups = new Set<string | number>();
  const splitGroups = new Set<string | number>();
  const methodTotals = new Map<string, { sum: number; rows: number }>();
  const fields = { reward: options.rewardField, group: options.groupField };
  const batches = groupAlignedBatches(source, {
    size: options.batchSize,
    groupKey: (row) => groupKeyOf(row, options.groupField),
  });
  try {
    for await (const batch of batches) {
      const rows: { row: Record<string, unknown>; text: string | undefined; line: number }[] = [];
      const samples: Sample[] = [];
      const rewards: number[] = [];
      const components: (Record<string, number> | undefined)[] = [];
      const turnRewards: (number[] | undefined)[] = [];
      const stepRewards: (number[] | undefined)[] = [];
      for (const read of batch) {
        if (!read.ok) {
          summary.badRows++;
          options.onBadRow(`${source.label}:${read.line}`, read.message);
          continue;
        }
        const parsed = toAdvantageRow(read.row, fields);
        if (!parsed.ok) {
          summary.badRows++;
          options.onBadRow(`${source.label}:${read.line}`, `${parsed.field}: ${parsed.message}`);
          continue;
        }
        rows.push({ row: read.row, text: read.text, line: read.line });
        samples.push(parsed.sample);
        rewards.push(parsed.reward);
        components.push(parsed.components);
        turnRewards.push(parsed.turnRewards);
        stepRewards.push(parsed.stepRewards);
      }
      if (samples.length === 0) continue;
      const batchGroups = new Set<string | number>();
      for (const sample of samples) {
        if (sample.group === undefined) continue;
        if (earlierGroups.has(sample.group)) splitGroups.add(sample.group);
        batchGroups.add(sample.group);
      }
      for (const group of batchGroups) earlierGroups.add(group);
      let output: ReturnType<AdvantageEstimator["compute"]>;
      try {
        output = options.estimator.compute({ rewards, samples, components, turnRewards, stepRewards });
      } catch (error) {
        throw locateRowError(error, rows, source.label);
      }
      for (const group of diagnostics.add({
        rewards,
        advantages: output.advantages,
        groups: groupSamples(samples),
        keep: output.keep,
      })) {
        options.onGroup?.(group);
      }
      for (const [key, value] of Object.entries(output.diagnostics ?? {})) {
        if (sharedKeys.has(key) || !Number.isFinite(value)) continue;
        const total = methodTotals.get(key) ?? { sum: 0, rows: 0 };
        total.sum += value * samples.length;
        total.rows += samples.length;
        methodTotals.set(key, total);
      }
      const out: OutRow[] = rows.map(({ row, text }, index) => {
        const additions: Record<string, unknown> = { advantage: output.advantages[index] };
        const steps = output.stepAdvantages?.[index];
        if (steps !== undefined) additions.step_advantages = steps;
        if (output.keep?.[index] === false) additions.filtered = true;
        return { row, additions, text };
      });
      summary.rows += out.length;
      await sink.write(out);
    }
  } finally {
    await sink.close();
  }
  for (const [key, total] of methodTotals) summary.methodDiagnostics[key] = total.sum / total.rows;
  summary.splitGroups = splitGroups.size;
  return summary;
}

/** The batching key: the group value, with objects (a prompt as messages) compared by their JSON. */
function groupKeyOf(row: Record<string, unknown>, path: string): unknown {
  const value = readPath(row, path);
  return typeof value === "object" && value !== null ? JSON.stringify(value) : value;
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

function openSink(options: RunAdvantagesOptions): RowSink {
  if (options.output === "-") return jsonlSink(options.stdout ?? process.stdout, false);
  if (options.output.endsWith(".parquet")) return parquetFileSink(options.output);
  return jsonlFileSink(options.output);
}
