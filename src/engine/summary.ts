import { AdvantageDiagnostics, type DiagnosticsOptions, type Groups } from "../advantage/index.js";
import { Reservoir, type RewardResult, RunningStats, rowError } from "../core/index.js";
import type { ComponentFigures, ErroredRow, ScoreReportData } from "../report/index.js";
import { type RunVerdict, runVerdict } from "./verdict.js";

/** How many rows a summary names when it lists them (rows without a group, ...). */
const namedRowsLimit = 10;

/** How many unreadable lines and errored rows a report lists by name (all of them are counted). */
const listedInReport = 200;

/** Where a scored row came from, for naming it in the report: its `id`, else its input line. */
export interface RowPlace {
  id?: string | number | undefined;
  line?: number | undefined;
}

/** What `rewardkit score` reports at the end: counts, errors by code, per-component statistics. */
export class ScoreSummary {
  rowsScored = 0;
  badLines = 0;
  /** Rows whose result carries an error (the node's `on_error` score stands in for the reward). */
  erroredRows = 0;
  /** Rows an earlier run already wrote (`--resume`); they count as done. */
  resumedRows = 0;
  /** Rows without a group under an advantage estimator (each is a group of one), with a few named. */
  ungroupedRows = 0;
  readonly ungroupedExamples: string[] = [];
  /** Problems with the run as a whole (a `--map` column no row has), printed with the summary. */
  readonly warnings: string[] = [];
  #groups: AdvantageDiagnostics | undefined;
  readonly errorsByCode = new Map<string, number>();
  readonly reward = new RunningStats();
  readonly components = new Map<string, RunningStats>();
  readonly advantage = new RunningStats();
  readonly #samples = new Map<string, Reservoir>();
  readonly #errorExamples = new Map<string, string[]>();
  /** Group counts summed over batches (groups never span two batches). */
  readonly groupCounts = new Map<string, number>();
  /** The first unreadable lines (`file:line` and why), for the report. */
  readonly badLineList: Array<{ where: string; message: string }> = [];
  /** The first errored rows (row id or line, code, node, message), for the report. */
  readonly erroredRowList: ErroredRow[] = [];

  /** Counts an unreadable line and keeps the first ones by place for the report. */
  addBadLine(where: string, message: string): void {
    this.badLines++;
    if (this.badLineList.length < listedInReport) this.badLineList.push({ where, message });
  }

  /**
   * Adds a scored row. The figures count every row; the report's distributions leave errored rows
   * out (their score is a node's `on_error` value, not a measurement) and list them by `place`.
   */
  add(result: RewardResult, advantage?: number, place?: RowPlace): void {
    this.rowsScored++;
    this.reward.push(result.score);
    const error = rowError(result);
    if (!error) this.#sample("reward", result.score);
    if (result.components) {
      for (const key in result.components) {
        let stats = this.components.get(key);
        if (!stats) {
          stats = new RunningStats();
          this.components.set(key, stats);
        }
        const value = result.components[key] as number;
        stats.push(value);
        if (!error) this.#sample(key, value);
      }
    }
    if (error) {
      this.erroredRows++;
      if (this.erroredRowList.length < listedInReport) {
        this.erroredRowList.push({
          row:
            place?.id !== undefined
              ? String(place.id)
              : place?.line === undefined
                ? `row ${this.rowsScored}`
                : `line ${place.line}`,
          code: error.code,
          ...(error.node === undefined ? {} : { node: error.node }),
          message: error.message,
          score: result.score,
        });
      }
      this.errorsByCode.set(error.code, (this.errorsByCode.get(error.code) ?? 0) + 1);
      const examples = this.#errorExamples.get(error.code) ?? [];
      if (examples.length < 3) examples.push(error.node ? `${error.node}: ${error.message}` : error.message);
      this.#errorExamples.set(error.code, examples);
    }
    if (advantage !== undefined) {
      this.advantage.push(advantage);
      if (!error) this.#sample("advantage", advantage);
    }
  }

  /** Counts groups (all correct / all wrong against `correctAt`, zero std...) from here on. */
  countGroups(options: DiagnosticsOptions): void {
    this.#groups = new AdvantageDiagnostics(options);
  }

  /** Adds one batch's groups to the group counts (groups never span two batches). */
  addGroups(batch: {
    rewards: readonly number[];
    advantages: readonly number[];
    groups: Groups;
    keep?: readonly boolean[] | undefined;
  }): void {
    if (!this.#groups) return;
    this.#groups.add(batch);
    const figures = this.#groups.toJSON();
    for (const key of [
      "groups",
      "singleton_groups",
      "zero_std_groups",
      "all_correct_groups",
      "all_wrong_groups",
      "filtered_groups",
      "filtered_samples",
    ]) {
      this.groupCounts.set(key, figures[key] ?? 0);
    }
  }

  /** Notes a row without a group under an advantage estimator (`where` is file:line and id). */
  addUngrouped(where: string): void {
    this.ungroupedRows++;
    if (this.ungroupedExamples.length < namedRowsLimit) this.ungroupedExamples.push(where);
  }

  /** Whether the run produced anything usable (exit 3 when not), by the contract's rule. */
  verdict(maxErrorFraction: number): RunVerdict {
    return runVerdict({
      read: this.rowsScored + this.badLines + this.resumedRows,
      unreadable: this.badLines,
      errored: this.erroredRows,
      errorsByCode: this.errorsByCode,
      maxErrorFraction,
    });
  }

  #sample(key: string, value: number): void {
    let reservoir = this.#samples.get(key);
    if (!reservoir) {
      reservoir = new Reservoir(10_000, this.#samples.size + 1);
      this.#samples.set(key, reservoir);
    }
    reservoir.push(value);
  }

  /** The figures an HTML report shows. */
  reportData(context: {
    title: string;
    specFile: string;
    input: string;
    elapsedMs: number;
  }): ScoreReportData {
    const figures = (key: string, stats: RunningStats): ComponentFigures => ({
      ...stats.toJSON(),
      sample: this.#samples.get(key)?.values ?? [],
      sampledFrom: this.#samples.get(key)?.seen ?? 0,
    });
    return {
      ...context,
      rows: this.rowsScored,
      badLines: this.badLines,
      badLineList: this.badLineList,
      erroredRows: this.erroredRows,
      erroredRowList: this.erroredRowList,
      groups: Object.fromEntries(this.groupCounts),
      reward: figures("reward", this.reward),
      components: Object.fromEntries([...this.components].map(([key, stats]) => [key, figures(key, stats)])),
      advantage: this.advantage.count > 0 ? figures("advantage", this.advantage) : undefined,
      errors: [...this.errorsByCode].map(([code, count]) => ({
        code,
        count,
        examples: this.#errorExamples.get(code) ?? [],
      })),
    };
  }

  toJSON() {
    return {
      rows: this.rowsScored,
      bad_lines: this.badLines,
      errored_rows: this.erroredRows,
      ...(this.resumedRows > 0 ? { resumed_rows: this.resumedRows } : {}),
      errors: Object.fromEntries(this.errorsByCode),
      reward: this.reward.toJSON(),
      components: Object.fromEntries([...this.components].map(([key, stats]) => [key, stats.toJSON()])),
      ...(this.advantage.count > 0 ? { advantage: this.advantage.toJSON() } : {}),
      ...(this.groupCounts.size > 0 ? { groups: Object.fromEntries(this.groupCounts) } : {}),
      ...(this.ungroupedRows > 0
        ? { ungrouped_rows: { count: this.ungroupedRows, examples: this.ungroupedExamples } }
        : {}),
      ...(this.warnings.length > 0 ? { warnings: this.warnings } : {}),
    };
  }

  /** A short table for a terminal. */
  format(elapsedMs: number): string {
    const lines: string[] = [];
    const rate = elapsedMs > 0 ? Math.round((this.rowsScored / elapsedMs) * 1000) : 0;
    lines.push(
      `scored ${this.rowsScored} rows in ${(elapsedMs / 1000).toFixed(2)}s (${rate} rows/s); ${this.badLines} unreadable line${this.badLines === 1 ? "" : "s"} skipped${this.resumedRows > 0 ? `; ${this.resumedRows} rows were already written (--resume)` : ""}`,
    );
    const errors = [...this.errorsByCode].sort((a, b) => b[1] - a[1]);
    lines.push(
      errors.length === 0
        ? "errors: none"
        : `errors: ${errors.map(([code, count]) => `${code} ${count}`).join(", ")} (${this.erroredRows} of ${this.rowsScored} rows)`,
    );
    if (this.groupCounts.size > 0) {
      const count = (key: string) => this.groupCounts.get(key) ?? 0;
      lines.push(
        `groups: ${count("groups")} (zero reward std ${count("zero_std_groups")}, all correct ${count("all_correct_groups")}, all wrong ${count("all_wrong_groups")}, filtered ${count("filtered_groups")}, singletons ${count("singleton_groups")})`,
      );
    }
    if (this.ungroupedRows > 0) {
      const more = this.ungroupedRows - this.ungroupedExamples.length;
      lines.push(
        `rows without a group: ${this.ungroupedRows} (each is a group of one, advantage 0 under group estimators): ${this.ungroupedExamples.join(", ")}${more > 0 ? `, and ${more} more` : ""}`,
      );
    }
    for (const warning of this.warnings) lines.push(`warning: ${warning}`);
    const rows: Array<[string, RunningStats]> = [["reward", this.reward], ...this.components];
    if (this.advantage.count > 0) rows.push(["advantage", this.advantage]);
    const width = Math.max(9, ...rows.map(([key]) => key.length));
    lines.push(
      `${"component".padEnd(width)}  ${["mean", "std", "min", "max"].map((h) => h.padStart(9)).join(" ")}`,
    );
    for (const [key, stats] of rows) {
      if (stats.count === 0) continue;
      const cells = [stats.mean, stats.std, stats.min, stats.max].map((value) =>
        formatNumber(value).padStart(9),
      );
      lines.push(`${key.padEnd(width)}  ${cells.join(" ")}`);
    }
    return lines.join("\n");
  }
}

function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  // Float noise around zero (a mean of centred advantages) reads better as zero.
  if (Math.abs(value) < 1e-12) return "0.0000";
  if (value !== 0 && (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3)) return value.toExponential(2);
  return value.toFixed(4);
}
