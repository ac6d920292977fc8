import type { Writable } from "node:stream";
import { mulberry32, type Sample } from "../core/index.js";
import { groupKeyOf, type LinedOutRow, OrderedOutput, planWholeGroups, readPath } from "../engine/index.js";
import { checkOutputFiles, openSink } from "../io/index.js";
import {
  bestIndex,
  minePairs,
  type Pairing,
  preferenceRow,
  requestSeed,
  sampledIndices,
  sftRow,
  topIndices,
  winRatesFromScores,
} from "../select/index.js";
import { type SelectBy, toSelectRow } from "./select-rows.js";

export type SelectMethod = "best_of_n" | "top_k" | "pairs" | "rejection";

export interface RunSelectOptions {
  method: SelectMethod;
  input: string;
  output: string;
  stdout?: Writable;
  batchSize: number;
  by: SelectBy;
  groupField: string;
  k: number;
  threshold?: number | undefined;
  minMargin?: number | undefined;
  pairing: Pairing;
  preference: "reward" | "win_rate";
  /** A row field holding the reference answer's score for the prompt (pairs: chosen must reach it). */
  referenceField?: string | undefined;
  /** A row field that is true on a group's reference (teacher) answer (pairs: chosen must reach its score). */
  referenceFlag?: string | undefined;
  /** top_k: draw k per group ∝ exp(value / temperature) instead of the k best (RAFT's stochastic selection). */
  temperature?: number | undefined;
  seed: number;
  /** rows: the rows as they came in; trl: {prompt, completion} in TRL's prompt-completion format. */
  format: "rows" | "trl";
  /** Rows with a scoring error may be selected too (default: never). */
  includeErrored: boolean;
  onBadRow: (where: string, message: string) => void;
}

export interface RunSelectSummary {
  /** Rows read and usable (a value to rank by). */
  rows: number;
  badRows: number;
  erroredRows: number;
  groups: number;
  ungroupedRows: number;
  ungroupedExamples: string[];
  /** Rows (or pairs) written. */
  selected: number;
  valueMean: number;
  selectedValueMean: number;
  /** pairs: mean margin, and groups whose rows carry different prompts (the chosen row's is used). */
  marginMean: number;
  mixedPromptGroups: number;
  how: string;
}

interface Entry {
  row: Record<string, unknown>;
  text: string | undefined;
  line: number;
  value: number;
  errored: boolean;
}

/**
 * Reads scored rows, gathers each group whole whatever the input order (the same planning as
 * `score` and `advantages`), selects within each group and writes the selection in input order.
 */
export async function runSelect(options: RunSelectOptions): Promise<RunSelectSummary> {
  await checkOutputFiles({
    inputs: [{ flag: "--input", path: options.input }],
    outputs: [{ flag: "--output", path: options.output }],
  });
  const plan = await planWholeGroups({
    input: options.input,
    groupsMatter: options.method !== "rejection",
    batchSize: options.batchSize,
    groupOf: (row) => groupKeyOf(readPath(row, options.groupField)),
  });
  const output = new OrderedOutput(
    openSink(options.output, { stdout: options.stdout }),
    plan.inInputOrder ? undefined : plan.spool,
  );
  const summary: RunSelectSummary = {
    rows: 0,
    badRows: 0,
    erroredRows: 0,
    groups: 0,
    ungroupedRows: 0,
    ungroupedExamples: [],
    selected: 0,
    valueMean: Number.NaN,
    selectedValueMean: Number.NaN,
    marginMean: Number.NaN,
    mixedPromptGroups: 0,
    how: plan.how,
  };
  const totals = { value: 0, selectedValue: 0, margin: 0 };
  try {
    for await (const batch of plan.batches) {
      const groups = new Map<string, Entry[]>();
      for (const read of batch) {
        const where = `${plan.source.label}:${read.line}`;
        if (!read.ok) {
          summary.badRows++;
          options.onBadRow(where, read.message);
          continue;
        }
        const parsed = toSelectRow(read.row, { by: options.by, group: options.groupField });
        if (!parsed.ok) {
          summary.badRows++;
          options.onBadRow(where, `${parsed.field}: ${parsed.message}`);
          continue;
        }
        summary.rows++;
        totals.value += parsed.value;
        if (parsed.errored) summary.erroredRows++;
        let key: string;
        if (parsed.group === undefined) {
          key = `\u0000${read.line}`;
          if (summary.ungroupedRows++ < 10) {
            const id = read.row.id === undefined ? "" : ` (id ${JSON.stringify(read.row.id)})`;
            summary.ungroupedExamples.push(`${where}${id}`);
          }
        } else key = `${typeof parsed.group}:${parsed.group}`;
        const entry = {
          row: read.row,
          text: read.text,
          line: read.line,
          value: parsed.value,
          errored: parsed.errored,
        };
        const list = groups.get(key);
        if (list) list.push(entry);
        else groups.set(key, [entry]);
      }
      const out: LinedOutRow[] = [];
      for (const [key, entries] of groups) {
        summary.groups++;
        const candidates = options.includeErrored ? entries : entries.filter((entry) => !entry.errored);
        if (candidates.length === 0) continue;
        if (options.method === "pairs") {
          out.push(...pairRows({ entries: candidates, key, options, summary, totals }));
          continue;
        }
        for (const entry of chooseRows(candidates, key, options)) {
          summary.selected++;
          totals.selectedValue += entry.value;
          out.push(rowOut(entry, options.format));
        }
      }
      // Groups were taken in first-seen order; rows go out in input order (stable: a group's pairs stay together).
      out.sort((a, b) => a.line - b.line);
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
  if (summary.rows > 0) summary.valueMean = totals.value / summary.rows;
  if (summary.selected > 0) {
    if (options.method === "pairs") summary.marginMean = totals.margin / summary.selected;
    else summary.selectedValueMean = totals.selectedValue / summary.selected;
  }
  return summary;
}

function chooseRows(entries: readonly Entry[], key: string, options: RunSelectOptions): Entry[] {
  if (options.method === "rejection") {
    return entries.filter((entry) => entry.value >= (options.threshold as number));
  }
  const values = entries.map((entry) => entry.value);
  if (options.method === "best_of_n") return [entries[bestIndex(values)] as Entry];
  if (options.temperature === undefined)
    return topIndices(values, options.k).map((index) => entries[index] as Entry);
  // Drawn over the group in a fixed order (by value, then id) with a seed from the group, so the
  // draw is the same whatever order the file is in.
  const canonical = [...entries].sort(
    (a, b) =>
      b.value - a.value || String(a.row.id ?? "").localeCompare(String(b.row.id ?? "")) || a.line - b.line,
  );
  return sampledIndices({
    scores: canonical.map((entry) => entry.value),
    k: options.k,
    temperature: options.temperature,
    random: mulberry32(requestSeed(options.seed, key)),
  })
    .map((index) => canonical[index] as Entry)
    .sort((a, b) => a.line - b.line);
}

function rowOut(entry: Entry, format: "rows" | "trl"): LinedOutRow {
  if (format === "rows") return { row: entry.row, additions: {}, text: entry.text, line: entry.line };
  const row = sftRow(
    (entry.row.prompt ?? "") as Sample["prompt"],
    (entry.row.completion ?? "") as Sample["completion"],
  );
  return { row, additions: {}, line: entry.line };
}

function pairRows(input: {
  entries: readonly Entry[];
  key: string;
  options: RunSelectOptions;
  summary: RunSelectSummary;
  totals: { margin: number };
}): LinedOutRow[] {
  const { entries, key, options, summary, totals } = input;
  if (key.startsWith("\u0000")) return [];
  const rewards = entries.map((entry) => entry.value);
  const scores = options.preference === "win_rate" ? winRatesFromScores(rewards) : rewards;
  let referenceScore: number | undefined;
  if (options.referenceFlag !== undefined) {
    const flagged = entries
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => readPath(entry.row, options.referenceFlag as string) === true);
    if (flagged.length > 0) referenceScore = Math.max(...flagged.map(({ index }) => scores[index] as number));
  }
  if (options.referenceField !== undefined) {
    const value = entries
      .map((entry) => readPath(entry.row, options.referenceField as string))
      .find((candidate) => typeof candidate === "number" && Number.isFinite(candidate)) as number | undefined;
    if (value !== undefined) referenceScore = Math.max(referenceScore ?? value, value);
  }
  const pairs = minePairs({ scores, pairing: options.pairing, minMargin: options.minMargin, referenceScore });
  const first = entries[0] as Entry;
  const prompts = new Set(entries.map((entry) => JSON.stringify(entry.row.prompt ?? "")));
  if (prompts.size > 1) summary.mixedPromptGroups++;
  const group = readPath(first.row, options.groupField);
  return pairs.map((pair) => {
    const chosen = entries[pair.chosen] as Entry;
    const rejected = entries[pair.rejected] as Entry;
    summary.selected++;
    totals.margin += pair.margin;
    const row = preferenceRow({
      prompt: (chosen.row.prompt ?? "") as Sample["prompt"],
      chosen: (chosen.row.completion ?? "") as Sample["completion"],
      rejected: (rejected.row.completion ?? "") as Sample["completion"],
      margin: pair.margin,
      group: typeof group === "string" || typeof group === "number" ? group : JSON.stringify(group),
    });
    // Pairs come out in the order of their group's first row.
    return { row, additions: {}, line: first.line };
  });
}
