import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { findExperiment, labSettings, writeLabRun } from "../run-lab.js";
import type { SweepRun } from "./sweep-claims.js";
import { type SweepAxis, type SweepTask, sweepSettings, sweepTasks } from "./sweep-grid.js";
import { sweepReport } from "./sweep-report.js";
import { type FailedRun, runPath, type SweepResults, sweepResults } from "./sweep-results.js";
import { runSweepTask, type SweepReply } from "./sweep-task.js";

/**
 * Whatever runs a sweep's tasks (in this process, on worker threads, on queue workers): one reply per
 * task in task order, telling `onReply` as each finishes.
 */
export type SweepRunner = (
  tasks: readonly SweepTask[],
  onReply: (reply: SweepReply, task: SweepTask) => void,
) => Promise<SweepReply[]>;

/** Runs the tasks one after another in this process (the baseline the other runners must equal). */
export const sequentialRunner: SweepRunner = async (tasks, onReply) => {
  const replies: SweepReply[] = [];
  for (const [id, task] of tasks.entries()) {
    const reply = await runSweepTask({ id, task });
    onReply(reply, task);
    replies.push(reply);
  }
  return replies;
};

export interface RunSweepOptions {
  experiment: string;
  seeds: readonly number[];
  /** Options swept over several values; a one-value axis just sets the option. */
  axes?: readonly SweepAxis[];
  quick?: boolean;
  /** Where `sweep.json`, `report.html` and each run's `setting-K/seed-N/` go; nothing is written without it. */
  out?: string;
  runner: SweepRunner;
  /** Told as each run finishes: how many are done of how many. */
  onProgress?: (done: number, total: number, task: SweepTask) => void;
}

/**
 * Runs an experiment over seeds × settings and aggregates the runs: per claim, on how many seeds and
 * settings it holds; per curve, the mean and min–max band across seeds. Every setting is validated
 * before any run starts. Failed runs are listed in the results (and left out of the counts).
 */
export async function runSweep(options: RunSweepOptions): Promise<SweepResults> {
  const experiment = findExperiment(options.experiment);
  const axes = options.axes ?? [];
  const quick = options.quick ?? false;
  const settings = sweepSettings(axes);
  for (const setting of settings) labSettings(experiment, { quick, options: setting });
  const tasks = sweepTasks({ experiment: experiment.name, seeds: options.seeds, settings, quick });
  const runs: SweepRun[] = [];
  const failed: FailedRun[] = [];
  const writes: Promise<void>[] = [];
  let done = 0;
  await options.runner(tasks, (reply, task) => {
    if (reply.ok) {
      runs.push({ setting: task.setting, seed: task.seed, results: reply.run.results });
      if (options.out) writes.push(writeLabRun(join(options.out, runPath(task)), reply.run));
    } else {
      failed.push({ setting: task.setting, seed: task.seed, ...reply.error });
    }
    options.onProgress?.(++done, tasks.length, task);
  });
  await Promise.all(writes);
  const sweep = sweepResults({
    experiment: experiment.name,
    seeds: options.seeds,
    quick,
    axes,
    settings,
    runs,
    failed,
  });
  if (options.out) {
    await mkdir(options.out, { recursive: true });
    await writeFile(join(options.out, "sweep.json"), `${JSON.stringify(sweep, null, 2)}\n`);
    const summary = `${experiment.summary} Papers: ${experiment.papers.join("; ")}.`;
    await writeFile(join(options.out, "report.html"), sweepReport(sweep, summary));
  }
  return sweep;
}
