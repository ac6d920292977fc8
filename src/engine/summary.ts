import { Reservoir, type RewardResult, RunningStats, rowError } from "../core/index.js";
import type { ComponentFigures, ErroredRow, ScoreReportData } from "../report/index.js";

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
  erroredRows = 0;

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

  /** Adds an estimator's batch diagnostics: the `*_groups` and `*_samples` counts are summed. */
  addDiagnostics(diagnostics: Readonly<Record<string, number>> | undefined): void {
    if (!diagnostics) return;
    for (const key of [
      "groups",
      "singleton_groups",
      "zero_std_groups",
      "all_correct_groups",
      "all_wrong_groups",
      "filtered_groups",
      "filtered_samples",
    ]) {
      const value = diagnostics[key];
      if (typeof value === "number") this.groupCounts.set(key, (this.groupCounts.get(key) ?? 0) + value);
    }
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
      errors: Object.fromEntries(this.errorsByCode),
      reward: this.reward.toJSON(),
      components: Object.fromEntries([...this.components].map(([key, stats]) => [key, stats.toJSON()])),
      ...(this.advantage.count > 0 ? { advantage: this.advantage.toJSON() } : {}),
      ...(this.groupCounts.size > 0 ? { groups: Object.fromEntries(this.groupCounts) } : {}),
    };
  }

  /** A short table for a terminal. */
  format(elapsedMs: number): string {
    const lines: string[] = [];
    const rate = elapsedMs > 0 ? Math.round((this.rowsScored / elapsedMs) * 1000) : 0;
    lines.push(
      `scored ${this.rowsScored} rows in ${(elapsedMs / 1000).toFixed(2)}s (${rate} rows/s); ${this.badLines} unreadable line${this.badLines === 1 ? "" : "s"} skipped`,
    );
    const errors = [...this.errorsByCode].sort((a, b) => b[1] - a[1]);
    lines.push(
      errors.length === 0
        ? "errors: none"
        : `errors: ${errors.map(([code, count]) => `${code} ${count}`).join(", ")}`,
    );
    if (this.groupCounts.size > 0) {
      const count = (key: string) => this.groupCounts.get(key) ?? 0;
      lines.push(
        `groups: ${count("groups")} (zero reward std ${count("zero_std_groups")}, all correct ${count("all_correct_groups")}, all wrong ${count("all_wrong_groups")}, filtered ${count("filtered_groups")}, singletons ${count("singleton_groups")})`,
      );
    }
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
