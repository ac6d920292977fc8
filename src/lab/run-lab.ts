import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { RewardkitError } from "../core/index.js";
import { htmlPage } from "../report/index.js";
import type { Experiment, LabProgress } from "./experiments/experiment.js";
import { experiments } from "./experiments/registry.js";
import { type Curve, type LabResults, type MeasuredCurve, roundValues } from "./results.js";

export interface RunLabOptions {
  experiment: string;
  seed: number;
  /** Option overrides (snake_case names), validated against the experiment's schema. */
  options?: Record<string, unknown>;
  /** Start from the experiment's small settings (then apply `options`). */
  quick?: boolean;
  /** Where `results.json` and `report.html` go; nothing is written without it. */
  out?: string;
  /** Told as the run reaches each stage (the CLI shows it on a terminal). */
  onProgress?: LabProgress;
}

/** A finished run in memory: what `runLab` writes to `results.json` and `report.html`. */
export interface LabRunOutput {
  results: LabResults<Curve | MeasuredCurve>;
  /** The whole `report.html` page. */
  report: string;
}

/** The experiment by name, or a BAD_REQUEST naming the known ones. */
export function findExperiment(name: string): Experiment {
  const experiment = experiments[name];
  if (!experiment) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `unknown lab experiment "${name}" (known: ${Object.keys(experiments).join(", ")})`,
      { path: "experiment" },
    );
  }
  return experiment;
}

/**
 * An experiment's settings from its defaults, `quick` and the overrides; strict, so a misspelt option
 * is an error rather than silently ignored.
 */
export function labSettings(
  experiment: Experiment,
  options: { quick?: boolean; options?: Record<string, unknown> },
): Record<string, unknown> {
  const input = { ...(options.quick ? experiment.quick : {}), ...options.options };
  const parsed = z.strictObject(experiment.options.shape).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RewardkitError("BAD_REQUEST", `${issue?.message ?? "invalid options"} (${experiment.name})`, {
      path: issue?.path.length ? issue.path.join(".") : "options",
    });
  }
  return parsed.data;
}

/** Runs a lab experiment by name and returns its results and report page without writing files. */
export async function runLabInMemory(options: Omit<RunLabOptions, "out">): Promise<LabRunOutput> {
  const experiment = findExperiment(options.experiment);
  const settings = labSettings(experiment, options);
  if (!Number.isInteger(options.seed)) {
    throw new RewardkitError("BAD_REQUEST", `seed: expected an integer, got ${options.seed}`, {
      path: "seed",
    });
  }
  const run = await experiment.run(settings, options.seed, options.onProgress);
  const report = htmlPage(`rewardkit lab: ${experiment.name} (seed ${options.seed})`, [
    `<p class="muted">${experiment.summary} Papers: ${experiment.papers.join("; ")}.</p>`,
    ...run.sections,
  ]);
  return { results: roundValues(run.results), report };
}

/** Writes a run's `results.json` and `report.html` to `out` (created if missing). */
export async function writeLabRun(out: string, run: LabRunOutput): Promise<void> {
  await mkdir(out, { recursive: true });
  await writeFile(join(out, "results.json"), `${JSON.stringify(run.results, null, 2)}\n`);
  await writeFile(join(out, "report.html"), run.report);
}

/**
 * Runs a lab experiment by name: validates its options, runs it with the seed, and writes
 * `results.json` and `report.html` to `out`.
 */
export async function runLab(options: RunLabOptions): Promise<LabResults<Curve | MeasuredCurve>> {
  const run = await runLabInMemory(options);
  if (options.out) {
    options.onProgress?.("writing results.json and report.html");
    await writeLabRun(options.out, run);
  }
  return run.results;
}
