import { plottedValue } from "./component-figures.js";
import type { InspectRow } from "./inspect-row.js";

/** Mean of each plotted name per training step (rows without an error). */
export interface StepSeries {
  /** The x axis: each point's (last) step. */
  steps: number[];
  /** Rows behind each point. */
  rows: number[];
  /** Aligned with `steps`; null where no row of the point has the name. */
  series: Record<string, Array<number | null>>;
  /** Steps merged into one point (1 unless there were more than `maxPoints` distinct steps). */
  bin_size: number;
}

/**
 * Reward and components over steps: rows grouped by `step`; with more than `maxPoints` distinct steps,
 * consecutive steps are merged into equal-count bins (a point is then the mean over its rows).
 */
export function stepSeries(
  rows: readonly InspectRow[],
  options: { names: readonly string[]; maxPoints: number },
): StepSeries | null {
  const byStep = new Map<number, InspectRow[]>();
  for (const row of rows) {
    if (row.step === undefined || row.error) continue;
    const list = byStep.get(row.step);
    if (list) list.push(row);
    else byStep.set(row.step, [row]);
  }
  if (byStep.size === 0) return null;
  const ordered = [...byStep.keys()].sort((a, b) => a - b);
  const binSize = Math.max(1, Math.ceil(ordered.length / options.maxPoints));
  const out: StepSeries = { steps: [], rows: [], series: {}, bin_size: binSize };
  for (const name of options.names) out.series[name] = [];
  for (let start = 0; start < ordered.length; start += binSize) {
    const steps = ordered.slice(start, start + binSize);
    const members = steps.flatMap((step) => byStep.get(step) ?? []);
    out.steps.push(steps[steps.length - 1] as number);
    out.rows.push(members.length);
    for (const name of options.names) {
      let sum = 0;
      let count = 0;
      for (const row of members) {
        const value = plottedValue(row, name);
        if (value === undefined) continue;
        sum += value;
        count++;
      }
      out.series[name]?.push(count > 0 ? sum / count : null);
    }
  }
  return out;
}
