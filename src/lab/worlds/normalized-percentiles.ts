/**
 * XLand's evaluation across incomparable tasks (Open-Ended Learning Team 2021, §4.1): each task's
 * return is divided by the best return any compared agent got on that task, and the distribution of
 * these normalized scores is summarized by percentiles and by participation (the share of tasks with
 * a nonzero return).
 */

/** Per task (column), the best return over every row (method × generation); 0 where nobody scored. */
export function bestPerTask(rows: readonly (readonly number[])[]): number[] {
  const tasks = rows[0]?.length ?? 0;
  return Array.from({ length: tasks }, (_, task) => Math.max(0, ...rows.map((row) => row[task] as number)));
}

/** Returns divided by the best per task; a task nobody scored on counts as 0. */
export function normalizedScores(returns: readonly number[], best: readonly number[]): number[] {
  return returns.map((value, task) => {
    const top = best[task] as number;
    return top > 0 ? value / top : 0;
  });
}

/** The p-th percentile (0–100) by linear interpolation between order statistics. */
export function percentileOf(values: readonly number[], p: number): number {
  if (values.length === 0) throw new RangeError("percentile of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const position = (p / 100) * (sorted.length - 1);
  const lower = Math.floor(position);
  const upper = Math.min(sorted.length - 1, lower + 1);
  const weight = position - lower;
  return (sorted[lower] as number) * (1 - weight) + (sorted[upper] as number) * weight;
}

/** The share of tasks with a nonzero return. */
export function participation(returns: readonly number[]): number {
  if (returns.length === 0) throw new RangeError("participation of no tasks");
  return returns.filter((value) => value > 0).length / returns.length;
}
