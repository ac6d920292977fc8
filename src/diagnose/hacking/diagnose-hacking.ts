import type { z } from "zod";
import { hackingDetectors } from "./detectors.js";
import type { HackingFlag, HackingReport } from "./flag.js";
import type { HackingDetector } from "./flags/detector.js";
import { type HackingRoles, hackingThresholdsSchema } from "./options.js";
import { prefixOf, type RunSeries, runSeries } from "./run-series.js";
import type { StepAggregate } from "./step-aggregate.js";

export interface DiagnoseHackingOptions {
  /** Threshold overrides (snake_case, as in the spec's `diagnostics.thresholds`); defaults fill the rest. */
  thresholds?: z.input<typeof hackingThresholdsSchema>;
  roles?: HackingRoles;
  /** Examples kept per step in the evidence. */
  examples?: number;
}

/** Prefix lengths tried when searching for the step at which a flag first fired. */
const firstStepProbes = 60;

/**
 * Runs every reward-hacking detector over a run's per-step aggregates (from `rewardkit diagnose`'s
 * rows or the server's traffic) and returns the flags with their evidence. A flag fires on a change
 * over steps, never on one snapshot; `first_step` says when it would first have fired.
 * @example
 * ```ts
 * const report = diagnoseHacking(aggregates, { roles: { judge: "judge", verifier: "correct" } });
 * for (const flag of report.flags) if (flag.fired) console.log(flag.name, flag.summary);
 * ```
 */
export function diagnoseHacking(
  aggregates: Iterable<StepAggregate>,
  options: DiagnoseHackingOptions = {},
): HackingReport {
  const thresholds = hackingThresholdsSchema.parse(options.thresholds ?? {});
  const roles = options.roles ?? {};
  const run = runSeries(aggregates, { maxPoints: thresholds.max_points, examples: options.examples ?? 3 });
  const settings = { thresholds, roles };
  const flags: HackingFlag[] = Object.values(hackingDetectors).map((detector: HackingDetector) => {
    const verdict = detector.detect(run, settings);
    const fired = verdict.status === "fired";
    const firstStep =
      verdict.firstStep !== undefined
        ? verdict.firstStep
        : fired
          ? firstFiring(detector, run, settings)
          : null;
    return {
      name: detector.name,
      fired,
      status: verdict.status,
      summary: verdict.summary,
      first_step: firstStep,
      evidence: verdict.evidence,
    };
  });
  return {
    flags,
    fired: flags.filter((flag) => flag.fired).map((flag) => flag.name),
    rows: run.total.samples,
    steps: run.distinctSteps,
    first_step: run.bins.length > 0 ? run.total.step : null,
    last_step: run.bins.length > 0 ? run.total.lastStep : null,
    bin_size: run.binSize,
    thresholds: { ...thresholds },
    roles: { ...roles },
  };
}

/** The first prefix of the run on which the detector fires (probing at most `firstStepProbes` prefixes). */
function firstFiring(
  detector: HackingDetector,
  run: RunSeries,
  settings: Parameters<HackingDetector["detect"]>[1],
): number | null {
  const start = settings.thresholds.min_steps;
  const end = run.bins.length;
  const stride = Math.max(1, Math.ceil((end - start + 1) / firstStepProbes));
  for (let count = start; count <= end; count += stride) {
    if (detector.detect(prefixOf(run, count), settings).status === "fired")
      return run.steps[count - 1] ?? null;
  }
  return run.steps[end - 1] ?? null;
}
