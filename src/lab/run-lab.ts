import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { z } from "zod";
import { RewardkitError } from "../core/index.js";
import { htmlPage } from "../report/index.js";
import type { LabProgress } from "./experiments/experiment.js";
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

/**
 * Runs a lab experiment by name: validates its options, runs it with the seed, and writes
 * `results.json` and `report.html` to `out`.
 */
export async function runLab(options: RunLabOptions): Promise<LabResults<Curve | MeasuredCurve>> {
  const experiment = experiments[options.experiment];
  if (!experiment) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `unknown lab experiment "${options.experiment}" (known: ${Object.keys(experiments).join(", ")})`,
      { path: "experiment" },
    );
  }
  const input = { ...(options.quick ? experiment.quick : {}), ...options.options };
  // Strict: a misspelt option is an error, not silently ignored.
  const parsed = z.strictObject(experiment.options.shape).safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new RewardkitError("BAD_REQUEST", `${issue?.message ?? "invalid options"} (${experiment.name})`, {
      path: issue?.path.length ? issue.path.join(".") : "options",
    });
  }
  if (!Number.isInteger(options.seed)) {
    throw new RewardkitError("BAD_REQUEST", `seed: expected an integer, got ${options.seed}`, {
      path: "seed",
    });
  }
  const run = await experiment.run(parsed.data, options.seed, options.onProgress);
  const results = roundValues(run.results);
  if (options.out) {
    options.onProgress?.("writing results.json and report.html");
    await mkdir(options.out, { recursive: true });
    await writeFile(join(options.out, "results.json"), `${JSON.stringify(results, null, 2)}\n`);
    await writeFile(
      join(options.out, "report.html"),
      htmlPage(`rewardkit lab: ${experiment.name} (seed ${options.seed})`, [
        `<p class="muted">${experiment.summary} Papers: ${experiment.papers.join("; ")}.</p>`,
        ...run.sections,
      ]),
    );
  }
  return results;
}
