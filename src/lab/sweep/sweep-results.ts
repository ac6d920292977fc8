import { type CurveBand, curveBands } from "./sweep-bands.js";
import { countClaims, type SweepClaim, type SweepRun } from "./sweep-claims.js";
import { type SweepAxis, settingLabel } from "./sweep-grid.js";

/** A run of a sweep that did not finish: its setting, seed and why. */
export interface FailedRun {
  setting: number;
  seed: number;
  code: string;
  message: string;
}

/**
 * `sweep.json`: the grid, where each run's files are, per claim on how many seeds and settings it
 * holds, and each curve's mean and min–max band across seeds. The same for the same grid however it
 * ran (in-process, worker threads or queue workers).
 */
export interface SweepResults {
  experiment: string;
  seeds: number[];
  quick: boolean;
  axes: SweepAxis[];
  settings: { setting: number; label: string; options: Record<string, unknown> }[];
  runs: { setting: number; seed: number; path: string; claims_held: number; claims: number }[];
  failed: FailedRun[];
  claims: SweepClaim[];
  bands: CurveBand[];
}

/** The folder of one run inside the sweep's folder (relative). */
export function runPath(run: { setting: number; seed: number }): string {
  return `setting-${run.setting + 1}/seed-${run.seed}`;
}

/** Aggregates finished runs (in any order) into the sweep's results. */
export function sweepResults(input: {
  experiment: string;
  seeds: readonly number[];
  quick: boolean;
  axes: readonly SweepAxis[];
  settings: readonly Record<string, unknown>[];
  runs: readonly SweepRun[];
  failed: readonly FailedRun[];
}): SweepResults {
  const runs = [...input.runs].sort((a, b) => a.setting - b.setting || a.seed - b.seed);
  return {
    experiment: input.experiment,
    seeds: [...input.seeds],
    quick: input.quick,
    axes: input.axes.map((axis) => ({ name: axis.name, values: [...axis.values] })),
    settings: input.settings.map((options, setting) => ({ setting, label: settingLabel(options), options })),
    runs: runs.map((run) => ({
      setting: run.setting,
      seed: run.seed,
      path: runPath(run),
      claims_held: run.results.claims.filter((item) => item.holds).length,
      claims: run.results.claims.length,
    })),
    failed: [...input.failed].sort((a, b) => a.setting - b.setting || a.seed - b.seed),
    claims: countClaims(runs, input.settings.length),
    bands: curveBands(runs),
  };
}
