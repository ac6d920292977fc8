import type { z } from "zod";
import type { Curve, LabResults, MeasuredCurve } from "../results.js";

/** One finished run: what goes to `results.json` and the report's HTML sections. */
export interface ExperimentRun {
  results: LabResults<Curve | MeasuredCurve>;
  /** HTML sections for `report.html` (charts as inline SVG, tables). */
  sections: string[];
}

/**
 * Told when a run starts a stage ("best-of-n: uwo"), so a terminal can show how far it is. Runs are
 * synchronous between stages: a stage is the unit of progress a caller can show.
 */
export type LabProgress = (stage: string) => void;

/**
 * A lab experiment: a seeded simulation with documented options (a zod schema: defaults, checks and
 * `--help` text in one place), run with the library's own methods.
 */
export interface Experiment<Schema extends z.ZodObject = z.ZodObject> {
  readonly name: string;
  readonly summary: string;
  /** The papers whose claims it checks. */
  readonly papers: readonly string[];
  readonly options: Schema;
  /** Settings small enough to run in a few seconds (tests and `--quick`). */
  readonly quick: Partial<z.input<Schema>>;
  run(options: z.output<Schema>, seed: number, progress?: LabProgress): Promise<ExperimentRun>;
}

export function defineExperiment<Schema extends z.ZodObject>(
  experiment: Experiment<Schema>,
): Experiment<Schema> {
  return experiment;
}
