import type { HackingReport } from "../diagnose/index.js";

const statusLabels: Record<string, string> = {
  fired: "FIRED",
  quiet: "quiet",
  not_applicable: "n/a",
  insufficient_data: "too few steps",
};

/** The report as a table a person reads: one line per flag, fired ones first, then what to do next. */
export function formatHackingReport(
  report: HackingReport,
  input: { label: string; skipped: number },
): string {
  const lines = [
    `diagnose ${input.label}: ${report.rows} rows over ${report.steps} steps (${report.first_step ?? "?"}–${report.last_step ?? "?"})${report.bin_size > 1 ? `, ${report.bin_size} steps a point` : ""}${input.skipped > 0 ? `; ${input.skipped} rows left out` : ""}`,
    "",
  ];
  const order = { fired: 0, quiet: 1, insufficient_data: 2, not_applicable: 3 } as const;
  const flags = [...report.flags].sort((a, b) => order[a.status] - order[b.status]);
  const width = Math.max(...flags.map((flag) => flag.name.length), 4);
  lines.push(`${"flag".padEnd(width)}  ${"status".padEnd(13)}  ${"since".padEnd(6)}  what the evidence says`);
  for (const flag of flags) {
    const since = flag.fired && flag.first_step !== null ? String(flag.first_step) : "";
    lines.push(
      `${flag.name.padEnd(width)}  ${(statusLabels[flag.status] ?? flag.status).padEnd(13)}  ${since.padEnd(6)}  ${flag.summary}`,
    );
  }
  lines.push("");
  lines.push(
    report.fired.length === 0
      ? "No flag fired: no reward-hacking pattern changed over these steps."
      : `${report.fired.length} flag${report.fired.length === 1 ? "" : "s"} fired (${report.fired.join(", ")}). --json prints each flag's evidence (series, tests, examples); docs/diagnose-hacking.md explains each.`,
  );
  return lines.join("\n");
}
