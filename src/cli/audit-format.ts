import type { AuditExample, AuditTally } from "./audit-figures.js";

const percent = (value: number | null) => (value === null ? "—" : `${(100 * value).toFixed(2)}%`);

/** The audit as a table for a terminal, then examples of each kind of disagreement. */
export function formatAudit(title: string, tally: AuditTally): string {
  const figures = tally.toJSON();
  const lines = [
    `${title}: reward >= ${figures.threshold} against ${figures.label}`,
    `  rows compared          ${figures.n}  (labelled true ${figures.labelled_true}, false ${figures.labelled_false})`,
    `  accuracy               ${percent(figures.accuracy)}`,
    `  false positives        ${figures.false_positives}  (rate ${percent(figures.false_positive_rate)} of rows labelled false)`,
    `  false negatives        ${figures.false_negatives}  (rate ${percent(figures.false_negative_rate)} of rows labelled true)`,
    `  precision              ${percent(figures.precision)}`,
    `  errors                 ${figures.errors}${errorCodes(figures.errors_by_code)}  (not counted as verdicts)`,
  ];
  if (figures.unlabelled > 0) {
    lines.push(`  without a usable label ${figures.unlabelled}: ${tally.unlabelledExamples.join("; ")}`);
  }
  if (figures.by) {
    const groups = figures.by.groups;
    const width = Math.min(
      40,
      Math.max(8, figures.by.field.length, ...groups.map((group) => group.group.length)),
    );
    lines.push(
      "",
      `  ${figures.by.field.padEnd(width)} ${["n", "accuracy", "FP", "FP rate", "FN", "FN rate", "errors"].map((head) => head.padStart(9)).join("")}`,
    );
    for (const group of groups) {
      const cells = [
        String(group.n),
        percent(group.accuracy),
        String(group.false_positives),
        percent(group.false_positive_rate),
        String(group.false_negatives),
        percent(group.false_negative_rate),
        String(group.errors),
      ];
      lines.push(
        `  ${group.group.slice(0, width).padEnd(width)} ${cells.map((cell) => cell.padStart(9)).join("")}`,
      );
    }
  }
  section(
    lines,
    "false positives (the reward accepts, the label says wrong)",
    figures.examples.false_positives,
  );
  section(
    lines,
    "false negatives (the reward rejects, the label says right)",
    figures.examples.false_negatives,
  );
  section(lines, "errors", figures.examples.errors);
  return `${lines.join("\n")}\n`;
}

function errorCodes(byCode: Record<string, number>): string {
  const entries = Object.entries(byCode).sort((a, b) => b[1] - a[1]);
  return entries.length === 0 ? "" : ` (${entries.map(([code, count]) => `${code} ${count}`).join(", ")})`;
}

function section(lines: string[], title: string, examples: readonly AuditExample[]): void {
  if (examples.length === 0) return;
  lines.push("", `${title}:`);
  for (const example of examples) {
    const label = example.label === undefined ? "" : `, label ${example.label}`;
    lines.push(`  ${example.row}: reward ${round(example.reward)}${label}`);
    if (example.error) lines.push(`    error: ${example.error.code}: ${oneLine(example.error.message)}`);
    if (example.reason !== undefined) lines.push(`    reason: ${oneLine(example.reason)}`);
    if (example.completion !== undefined) lines.push(`    completion: ${oneLine(example.completion)}`);
  }
}

function round(value: number): string {
  return Number.isFinite(value) ? String(Math.round(value * 10_000) / 10_000) : String(value);
}

function oneLine(text: string): string {
  return text.replace(/\s*\n\s*/g, " ⏎ ");
}
