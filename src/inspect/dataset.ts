import { diagnoseHacking, type HackingReport, HackingRowAggregator } from "../diagnose/index.js";
import { type ComponentFigures, componentFigures, componentNames } from "./component-figures.js";
import { type GroupCounts, type GroupSummary, groupCounts, groupTable } from "./group-table.js";
import { type InspectRow, rowText } from "./inspect-row.js";
import { addTextFlags, textFlagThresholds, unpackSignals } from "./row-flags.js";
import { type RowQuery, rowMatches } from "./row-query.js";
import { type StepSeries, stepSeries } from "./step-series.js";

/** A line of the input that could not be read as a row. */
export interface UnreadableLine {
  line: number;
  message: string;
}

/** What `GET api/summary` answers: everything the page draws before any row is asked for. */
export interface InspectSummary {
  label: string;
  rows: number;
  unreadable: { count: number; lines: UnreadableLine[] };
  /** Rows without an error: the figures and histograms are over these. */
  scored: number;
  components: ComponentFigures[];
  steps: StepSeries | null;
  groups: GroupCounts & { correct_at: number };
  errors: Array<{ code: string; count: number; examples: string[] }>;
  flags: Record<string, number>;
}

/** A row as the rows table lists it (the detail has the rest). */
export interface RowBrief {
  index: number;
  line: number;
  id?: string;
  group?: string;
  step?: number;
  reward: number | null;
  components: Record<string, number>;
  advantage?: number;
  error?: string;
  flags: string[];
  completion: string;
}

export interface DatasetOptions {
  label: string;
  rows: InspectRow[];
  unreadable?: { count: number; lines: UnreadableLine[] };
  /** A group is all correct when every reward reaches this (the advantage diagnostics' default, 1). */
  correctAt?: number;
  /** Most points of the reward-over-steps chart. */
  maxStepPoints?: number;
}

const snippetLength = 240;

/**
 * Scored rows held for the inspector: the figures are computed once (on the server, so the page
 * never receives all rows), the rows are filtered and paged per request. It takes ownership of the
 * rows: each row's `index` becomes its position and its `flags` are computed here.
 */
export class InspectDataset {
  readonly rows: readonly InspectRow[];
  readonly groups: readonly GroupSummary[];
  readonly summary: InspectSummary;
  readonly #groupOf = new Map<string, GroupSummary>();
  #searchText: string[] | undefined;
  #diagnostics: HackingReport | null | undefined;
  /** Each row's text signals from its row flags (packSignals), reused by the diagnostics. */
  readonly #textSignals: Uint8Array;

  constructor(options: DatasetOptions) {
    const rows = options.rows;
    this.rows = rows;
    const correctAt = options.correctAt ?? 1;
    this.#textSignals = new Uint8Array(rows.length);
    rows.forEach((row, index) => {
      row.index = index;
      row.flags = [];
      this.#textSignals[index] = addTextFlags(row);
    });
    this.groups = groupTable(rows, { correctAt });
    for (const group of this.groups) {
      this.#groupOf.set(group.group, group);
      if (!group.zero_std && !group.all_correct) continue;
      for (const index of group.rows) {
        const flags = rows[index]?.flags;
        if (group.zero_std) flags?.push("zero_std_group");
        if (group.all_correct) flags?.push("all_correct_group");
      }
    }
    const names = componentNames(rows);
    this.summary = {
      label: options.label,
      rows: rows.length,
      unreadable: options.unreadable ?? { count: 0, lines: [] },
      scored: rows.filter((row) => !row.error && row.reward !== null).length,
      components: names.map((name) => componentFigures(rows, name)),
      steps: stepSeries(rows, { names, maxPoints: options.maxStepPoints ?? 500 }),
      groups: { ...groupCounts(this.groups), correct_at: correctAt },
      errors: errorTable(rows),
      flags: flagCounts(rows),
    };
  }

  /** The rows passing the query's filters, one page of them. */
  query(query: RowQuery): { total: number; offset: number; limit: number; rows: RowBrief[] } {
    const text = (row: InspectRow) => this.#text(row.index);
    const matching: InspectRow[] = [];
    let total = 0;
    for (const row of this.rows) {
      if (!rowMatches(row, query, text)) continue;
      if (total >= query.offset && matching.length < query.limit) matching.push(row);
      total++;
    }
    return { total, offset: query.offset, limit: query.limit, rows: matching.map(brief) };
  }

  /** One row in full, with the other rows of its group. */
  detail(index: number): (InspectRow & { neighbours: RowBrief[] }) | undefined {
    const row = this.rows[index];
    if (!row) return undefined;
    const group = row.group === undefined ? undefined : this.#groupOf.get(row.group);
    const neighbours = (group?.rows ?? [])
      .filter((other) => other !== index)
      .map((other) => brief(this.rows[other] as InspectRow));
    return { ...row, neighbours };
  }

  /** Groups of one kind (`all`, `zero_std`, `all_correct`, `all_wrong`), one page of them. */
  groupPage(options: { kind: string; offset: number; limit: number }): {
    total: number;
    groups: GroupSummary[];
  } {
    const kind = options.kind;
    const chosen = this.groups.filter((group) =>
      kind === "zero_std"
        ? group.zero_std
        : kind === "all_correct"
          ? group.all_correct
          : kind === "all_wrong"
            ? group.all_wrong
            : true,
    );
    return { total: chosen.length, groups: chosen.slice(options.offset, options.offset + options.limit) };
  }

  /**
   * The reward-hacking flags of `rewardkit diagnose` over these rows (null when no row has a step),
   * computed on first request. The text checks are not run again: each row's signals from its row
   * flags are passed on (same thresholds, checked by the aggregator), except for rows whose prompt
   * or completion is neither text nor a message list (there the two read the text differently).
   */
  diagnostics(): HackingReport | null {
    if (this.#diagnostics !== undefined) return this.#diagnostics;
    const aggregator = new HackingRowAggregator({ observe: textFlagThresholds });
    let stepped = 0;
    for (const row of this.rows) {
      if (row.step === undefined) continue;
      stepped++;
      aggregator.add(
        {
          step: row.step,
          reward: row.reward,
          components: row.components,
          group: row.group,
          prompt: row.prompt,
          completion: row.completion,
          error: row.error,
          meta: row.meta,
        },
        sameText(row.prompt) && sameText(row.completion)
          ? { signals: unpackSignals(this.#textSignals[row.index] ?? 0), thresholds: textFlagThresholds }
          : undefined,
      );
    }
    this.#diagnostics = stepped === 0 ? null : diagnoseHacking(aggregator.aggregates());
    return this.#diagnostics;
  }

  #text(index: number): string {
    if (!this.#searchText) {
      this.#searchText = this.rows.map((row) =>
        [row.id ?? "", rowText(row, "prompt"), searchable(row.completion), row.reason ?? ""]
          .join("\u0000")
          .toLowerCase(),
      );
    }
    return this.#searchText[index] ?? "";
  }
}

/**
 * Whether the row flags (inspect-row.ts rowText) and the diagnostics' aggregator read this prompt or
 * completion as the same text: a string, a message list, or nothing. Other values (objects, numbers)
 * are read differently, so their checks are run again by the aggregator.
 */
function sameText(value: unknown): boolean {
  return typeof value === "string" || Array.isArray(value) || value === undefined || value === null;
}

function searchable(value: unknown): string {
  if (typeof value === "string") return value;
  return value === undefined || value === null ? "" : JSON.stringify(value);
}

function brief(row: InspectRow): RowBrief {
  const out: RowBrief = {
    index: row.index,
    line: row.line,
    reward: row.reward,
    components: row.components,
    flags: row.flags,
    completion: rowText(row, "completion").slice(0, snippetLength),
  };
  if (row.id !== undefined) out.id = row.id;
  if (row.group !== undefined) out.group = row.group;
  if (row.step !== undefined) out.step = row.step;
  if (row.advantage !== undefined) out.advantage = row.advantage;
  if (row.error) out.error = row.error.code;
  return out;
}

function errorTable(rows: readonly InspectRow[]): InspectSummary["errors"] {
  const byCode = new Map<string, { code: string; count: number; examples: string[] }>();
  for (const row of rows) {
    if (!row.error) continue;
    let entry = byCode.get(row.error.code);
    if (!entry) {
      entry = { code: row.error.code, count: 0, examples: [] };
      byCode.set(row.error.code, entry);
    }
    entry.count++;
    const message = row.error.node ? `${row.error.node}: ${row.error.message}` : row.error.message;
    if (entry.examples.length < 3 && !entry.examples.includes(message)) entry.examples.push(message);
  }
  return [...byCode.values()].sort((a, b) => b.count - a.count);
}

function flagCounts(rows: readonly InspectRow[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const row of rows) for (const flag of row.flags) counts[flag] = (counts[flag] ?? 0) + 1;
  return counts;
}
