/** Whether a run produced anything usable, and if not, why (in words for the summary). */
export type RunVerdict = { usable: true } | { usable: false; reason: string };

/**
 * The contract's exit-3 rule ("Exit codes and files"): a run is unusable when it read no row, when
 * every row it read was unreadable or errored, or when the fraction of unreadable plus errored rows
 * is above `maxErrorFraction` (default 1: only "everything failed" trips it).
 */
export function runVerdict(counts: {
  read: number;
  unreadable: number;
  errored: number;
  errorsByCode?: ReadonlyMap<string, number>;
  maxErrorFraction: number;
  /** What a row is called in the message ("row", "pair"). */
  unit?: string;
}): RunVerdict {
  const unit = counts.unit ?? "row";
  const failed = counts.unreadable + counts.errored;
  if (counts.read === 0) return { usable: false, reason: `no ${unit} was read` };
  const parts = [];
  if (counts.unreadable > 0) parts.push(`${counts.unreadable} unreadable or not usable`);
  if (counts.errored > 0) {
    const codes = [...(counts.errorsByCode ?? new Map<string, number>())].sort((a, b) => b[1] - a[1]);
    const byCode =
      codes.length > 0 ? ` (${codes.map(([code, count]) => `${code} ${count}`).join(", ")})` : "";
    parts.push(`${counts.errored} errored${byCode}`);
  }
  if (failed >= counts.read) {
    return { usable: false, reason: `every ${unit} failed: ${parts.join(", ")} of ${counts.read}` };
  }
  const fraction = failed / counts.read;
  if (fraction > counts.maxErrorFraction) {
    return {
      usable: false,
      reason: `${parts.join(", ")} of ${counts.read} ${unit}s: an error fraction of ${fraction.toFixed(4)} is above --max-error-fraction ${counts.maxErrorFraction}`,
    };
  }
  return { usable: true };
}
