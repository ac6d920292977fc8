import type { Curve, LabResults, MeasuredCurve } from "../results.js";

/** A finished run of a sweep: its setting, its seed and its `results.json`. */
export interface SweepRun {
  setting: number;
  seed: number;
  results: LabResults<Curve | MeasuredCurve>;
}

/** How often one claim held within one setting. */
export interface ClaimCount {
  setting: number;
  holds: number;
  /** Runs of this setting that tested the claim. */
  runs: number;
  fails_on_seeds: number[];
}

/** One claim over the whole sweep: per setting, and over all its runs. */
export interface SweepClaim {
  claim: string;
  holds: number;
  runs: number;
  by_setting: ClaimCount[];
}

/**
 * On how many seeds and settings each claim holds, counted from the runs' own `claims` (matched by
 * their text, in the order they first appear). A claim a run did not report is not counted for that
 * run: `runs` says how many did.
 */
export function countClaims(runs: readonly SweepRun[], settingCount: number): SweepClaim[] {
  const claims = new Map<string, ClaimCount[]>();
  const ordered = [...runs].sort((a, b) => a.setting - b.setting || a.seed - b.seed);
  for (const run of ordered) {
    for (const item of run.results.claims) {
      let by_setting = claims.get(item.claim);
      if (!by_setting) {
        by_setting = Array.from({ length: settingCount }, (_, setting) => ({
          setting,
          holds: 0,
          runs: 0,
          fails_on_seeds: [],
        }));
        claims.set(item.claim, by_setting);
      }
      const count = by_setting[run.setting];
      if (!count) throw new RangeError(`a run of setting ${run.setting} in a sweep of ${settingCount}`);
      count.runs++;
      if (item.holds) count.holds++;
      else count.fails_on_seeds.push(run.seed);
    }
  }
  return [...claims].map(([claim, by_setting]) => ({
    claim,
    holds: by_setting.reduce((total, count) => total + count.holds, 0),
    runs: by_setting.reduce((total, count) => total + count.runs, 0),
    by_setting,
  }));
}
