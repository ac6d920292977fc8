import type { Sample } from "../core/index.js";
import { GroupSpool, groupKeyOf, readPath } from "../engine/index.js";
import { checkOutputFiles, openRows, openSink, type RowRead } from "../io/index.js";
import { sftRow } from "../select/index.js";
import { toSelectRow } from "./select-rows.js";
import type { RunSelectOptions, RunSelectSummary } from "./select-run.js";

/**
 * RAFT's global selection over a whole file (rlhf.md §17; LMFlow's `top_reward_percentage`): the
 * k × G best rows of all G groups, whatever group they are in, written in input order. Two passes:
 * the first ranks (only numbers are kept), the second writes — a file is read twice, stdin is
 * parked in a temporary spool.
 */
export async function runGlobalTopK(options: RunSelectOptions): Promise<RunSelectSummary> {
  await checkOutputFiles({
    inputs: [{ flag: "--input", path: options.input }],
    outputs: [{ flag: "--output", path: options.output }],
  });
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
    how: options.input === "-" ? "spooled" : "two passes",
  };
  const spool = options.input === "-" ? new GroupSpool() : undefined;
  try {
    const source = await openRows(options.input);
    const lines: number[] = [];
    const values: number[] = [];
    const groups = new Set<string | number>();
    let total = 0;
    for await (const read of source) {
      spool?.add(read, "");
      const where = `${source.label}:${read.line}`;
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
      total += parsed.value;
      const group = groupKeyOf(readPath(read.row, options.groupField));
      if (group === undefined) {
        if (summary.ungroupedRows++ < 10) {
          const id = read.row.id === undefined ? "" : ` (id ${JSON.stringify(read.row.id)})`;
          summary.ungroupedExamples.push(`${where}${id}`);
        }
        groups.add(`\u0000${read.line}`);
      } else groups.add(group);
      if (parsed.errored) {
        summary.erroredRows++;
        if (!options.includeErrored) continue;
      }
      lines.push(read.line);
      values.push(parsed.value);
    }
    summary.groups = groups.size;
    if (summary.rows > 0) summary.valueMean = total / summary.rows;
    const order = values
      .map((_, index) => index)
      .sort((a, b) => (values[b] as number) - (values[a] as number) || a - b);
    const kept = new Map<number, number>();
    for (const index of order.slice(0, options.k * groups.size))
      kept.set(lines[index] as number, values[index] as number);
    const sink = openSink(options.output, { stdout: options.stdout });
    try {
      const again: AsyncIterable<RowRead> = spool ? spool.inInputOrder() : await openRows(options.input);
      let page: Parameters<typeof sink.write>[0][number][] = [];
      let selectedTotal = 0;
      for await (const read of again) {
        if (!read.ok || !kept.has(read.line)) continue;
        selectedTotal += kept.get(read.line) as number;
        summary.selected++;
        page.push(
          options.format === "rows"
            ? { row: read.row, additions: {}, text: read.text }
            : {
                row: sftRow(
                  (read.row.prompt ?? "") as Sample["prompt"],
                  (read.row.completion ?? "") as Sample["completion"],
                ),
                additions: {},
              },
        );
        if (page.length >= 512) {
          await sink.write(page);
          page = [];
        }
      }
      await sink.write(page);
      if (summary.selected > 0) summary.selectedValueMean = selectedTotal / summary.selected;
    } finally {
      await sink.close();
    }
  } finally {
    spool?.close();
  }
  return summary;
}
