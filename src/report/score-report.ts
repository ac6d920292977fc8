import { escapeXml } from "./escape.js";
import { histogram } from "./histogram.js";
import { htmlPage, htmlTable } from "./page.js";

export interface ComponentFigures {
  /** Every scored row, errored ones included (their value is the node's `on_error`). */
  count: number;
  mean: number;
  std: number;
  min: number;
  max: number;
  /** A uniform sample of the values of rows without errors, for the histogram. */
  sample: readonly number[];
  /** How many rows the sample was drawn from (rows without errors); `count` when absent. */
  sampledFrom?: number;
}

/** A row whose reward failed: where it is, why, and the `on_error` score it was given. */
export interface ErroredRow {
  /** The row's `id`, else `line N` of the input. */
  row: string;
  code: string;
  node?: string;
  message: string;
  score: number;
}

export interface ScoreReportData {
  title: string;
  specFile: string;
  input: string;
  rows: number;
  badLines: number;
  /** The first unreadable lines by place (`file:line`); `badLines` counts all of them. */
  badLineList?: ReadonlyArray<{ where: string; message: string }>;
  elapsedMs: number;
  reward: ComponentFigures;
  components: Readonly<Record<string, ComponentFigures>>;
  advantage?: ComponentFigures | undefined;
  /** Errors by code with up to a few example messages each. */
  errors: ReadonlyArray<{ code: string; count: number; examples: readonly string[] }>;
  /** Rows with an error (all of them) and the first ones by place. */
  erroredRows?: number;
  erroredRowList?: readonly ErroredRow[];
  /** Group diagnostics summed over the run (`groups`, `zero_std_groups`, ...), when an estimator ran. */
  groups?: Readonly<Record<string, number>>;
}

/**
 * The HTML report of a `rewardkit score` run: figures per component, distributions of the rows that
 * scored without error, group diagnostics, unreadable lines and errored rows by place.
 */
export function renderScoreReport(data: ScoreReportData): string {
  const figures = (name: string, value: ComponentFigures) => [
    name,
    value.count,
    value.mean.toFixed(4),
    value.std.toFixed(4),
    value.min.toFixed(4),
    value.max.toFixed(4),
  ];
  const entries: Array<[string, ComponentFigures]> = [
    ["reward", data.reward],
    ...Object.entries(data.components),
  ];
  if (data.advantage) entries.push(["advantage", data.advantage]);
  const errored = data.erroredRows ?? 0;
  const sections = [
    `<p class="muted">spec <code>${escapeXml(data.specFile)}</code> · input <code>${escapeXml(data.input)}</code> · ${data.rows} rows scored in ${(data.elapsedMs / 1000).toFixed(2)} s · ${errored} with errors · ${data.badLines} unreadable lines skipped</p>`,
    "<h2>Components</h2>",
    errored > 0
      ? `<p class="muted">Figures over all ${data.rows} rows; ${errored} errored rows count with their <code>on_error</code> score.</p>`
      : "",
    htmlTable(
      ["component", "rows", "mean", "std", "min", "max"],
      entries.map(([name, value]) => figures(name, value)),
    ),
    "<h2>Distributions</h2>",
    errored > 0
      ? `<p class="bad">${errored} errored row${errored === 1 ? " is" : "s are"} left out of every histogram: ${errored === 1 ? "its score is" : "their scores are"} <code>on_error</code> values, not measurements (listed under Errors).</p>`
      : "",
    `<div class="grid small">${entries
      .filter(([, value]) => value.sample.length > 0)
      .map(([name, value]) =>
        histogram({
          title: name,
          values: value.sample,
          yLabel:
            value.sample.length < (value.sampledFrom ?? value.count)
              ? `rows (uniform sample of ${value.sample.length})`
              : "rows",
          ...(errored > 0 ? { note: `${errored} errored rows left out` } : {}),
        }),
      )
      .join("\n")}</div>`,
    groupSection(data.groups),
    badLineSection(data),
    "<h2>Errors</h2>",
    data.errors.length === 0
      ? '<p class="ok">No errors.</p>'
      : htmlTable(
          ["code", "rows", "examples"],
          data.errors.map((error) => [error.code, error.count, error.examples.join(" | ")]),
        ),
    erroredRowSection(data),
  ];
  return htmlPage(data.title, sections.filter(Boolean));
}

const groupLabels: ReadonlyArray<[string, string]> = [
  ["groups", "groups"],
  ["singleton_groups", "singletons (one row: no baseline)"],
  ["zero_std_groups", "zero reward std (no GRPO gradient)"],
  ["all_correct_groups", "all correct"],
  ["all_wrong_groups", "all wrong"],
  ["filtered_groups", "filtered groups"],
  ["filtered_samples", "filtered rows"],
];

function groupSection(groups: Readonly<Record<string, number>> | undefined): string {
  if (!groups || Object.keys(groups).length === 0) {
    return '<h2>Groups</h2>\n<p class="muted">Not examined: the spec has no advantage estimator (<code>advantage:</code>), which is what groups rows by <code>group</code>.</p>';
  }
  const total = groups.groups ?? 0;
  const rows = groupLabels
    .filter(([key]) => groups[key] !== undefined)
    .map(([key, label]) => {
      const value = groups[key] as number;
      const share = key !== "groups" && key !== "filtered_samples" && total > 0;
      return [label, share ? `${value} (${((100 * value) / total).toFixed(1)}%)` : value];
    });
  return `<h2>Groups</h2>\n${htmlTable(["", "count"], rows)}`;
}

function badLineSection(data: ScoreReportData): string {
  if (data.badLines === 0) return '<h2>Unreadable lines</h2>\n<p class="ok">None.</p>';
  const list = data.badLineList ?? [];
  const more = data.badLines - list.length;
  return `<h2>Unreadable lines (${data.badLines}, skipped)</h2>\n${htmlTable(
    ["line", "why"],
    list.map((entry) => [entry.where, entry.message]),
  )}${more > 0 ? `\n<p class="muted">… and ${more} more.</p>` : ""}`;
}

function erroredRowSection(data: ScoreReportData): string {
  const list = data.erroredRowList ?? [];
  if (list.length === 0) return "";
  const more = (data.erroredRows ?? list.length) - list.length;
  return `<h3>Errored rows</h3>\n${htmlTable(
    ["row", "code", "node", "on_error score", "message"],
    list.map((entry) => [entry.row, entry.code, entry.node ?? "", entry.score, entry.message]),
  )}${more > 0 ? `\n<p class="muted">… and ${more} more.</p>` : ""}`;
}
