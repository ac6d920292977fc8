import { emptyStepAggregate, mergeStepAggregates, type StepAggregate } from "./step-aggregate.js";

/** A run's steps in order, binned when there are more than the detectors need. */
export interface RunSeries {
  /** One aggregate per step, or per bin of consecutive steps. */
  readonly bins: readonly StepAggregate[];
  /** The step each point is plotted at: the last step in its bin. */
  readonly steps: readonly number[];
  /** Everything merged (the weight fit and run-wide maxima use it). */
  readonly total: StepAggregate;
  /** Steps per bin (1: not binned). */
  readonly binSize: number;
  /** Distinct steps before binning. */
  readonly distinctSteps: number;
}

/**
 * Orders per-step aggregates, merges repeats of a step, and when there are more than `maxPoints`
 * steps merges consecutive ones into `maxPoints` bins of (nearly) equal step counts — the
 * aggregates are sums, so a bin is exactly the aggregate of its steps.
 */
export function runSeries(
  aggregates: Iterable<StepAggregate>,
  options: { maxPoints: number; examples?: number },
): RunSeries {
  const keep = options.examples ?? 3;
  const byStep = new Map<number, StepAggregate>();
  for (const aggregate of aggregates) {
    const seen = byStep.get(aggregate.step);
    byStep.set(
      aggregate.step,
      mergeStepAggregates(seen ?? emptyStepAggregate(aggregate.step), structuredClone(aggregate), keep),
    );
  }
  const ordered = [...byStep.values()].sort((a, b) => a.step - b.step);
  const binSize = Math.max(1, Math.ceil(ordered.length / options.maxPoints));
  const bins: StepAggregate[] = [];
  for (let start = 0; start < ordered.length; start += binSize) {
    const first = ordered[start] as StepAggregate;
    const bin = emptyStepAggregate(first.step);
    for (const part of ordered.slice(start, start + binSize)) mergeStepAggregates(bin, part, keep);
    bins.push(bin);
  }
  const total = emptyStepAggregate(ordered[0]?.step ?? 0);
  for (const bin of bins) mergeStepAggregates(total, bin, keep);
  return { bins, steps: bins.map((bin) => bin.lastStep), total, binSize, distinctSteps: ordered.length };
}

/** The first `count` points of a run (what was known at its `count`-th step), for first-firing searches. */
export function prefixOf(run: RunSeries, count: number): RunSeries {
  const bins = run.bins.slice(0, count);
  return { ...run, bins, steps: run.steps.slice(0, count) };
}

/** A per-point series: `pick` of each bin, null where it is undefined. */
export function seriesOf(run: RunSeries, pick: (bin: StepAggregate) => number | null): (number | null)[] {
  return run.bins.map((bin) => {
    const value = pick(bin);
    return value === null || !Number.isFinite(value) ? null : value;
  });
}
