import { resolve } from "node:path";
import { parse as parseYaml } from "yaml";
import { RewardkitError } from "../core/index.js";
import { experiments } from "../lab/index.js";
import {
  parseSeeds,
  queueRunner,
  runInThreads,
  runSweep,
  type SweepAxis,
  type SweepRunner,
  splitValues,
} from "../lab/sweep/index.js";
import { exitCodes, reportFailure } from "./exit.js";
import type { LabFlags } from "./lab.js";
import { stageProgress } from "./stage-progress.js";

/** `--option name=v1,v2` as an axis of the sweep (each value read as YAML, like a single run's). */
function sweepAxis(option: string): SweepAxis {
  const equals = option.indexOf("=");
  const name = equals > 0 ? option.slice(0, equals).trim() : "";
  if (!name) throw new RewardkitError("BAD_REQUEST", `--option ${option}: write name=value or name=v1,v2`);
  const values = splitValues(option.slice(equals + 1)).map((text) => {
    try {
      return parseYaml(text) ?? null;
    } catch (error) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--option ${option}: "${text}" is not valid YAML (${(error as Error).message.split("\n")[0]})`,
      );
    }
  });
  return { name, values };
}

function positiveInteger(text: string, flag: string): number {
  const value = Number(text);
  if (!Number.isInteger(value) || value < 1) {
    throw new RewardkitError("BAD_REQUEST", `${flag}: expected a whole number of at least 1, got "${text}"`);
  }
  return value;
}

/**
 * `rewardkit lab EXPERIMENT --seeds 1-20 [--option name=v1,v2] [--queue URL]`: the grid of seeds ×
 * settings on worker threads or queue workers, aggregated into DIR/sweep.json and DIR/report.html.
 */
export async function labSweep(experiment: string, flags: LabFlags): Promise<number> {
  const progress = stageProgress(experiment);
  try {
    if (!experiments[experiment]) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `unknown experiment "${experiment}" (known: ${Object.keys(experiments).join(", ")})`,
      );
    }
    if (flags.seeds === undefined) {
      throw new RewardkitError(
        "BAD_REQUEST",
        "--queue and --threads sweep: name the seeds with --seeds, e.g. 1-20",
      );
    }
    if (flags.queue !== undefined && flags.threads !== undefined) {
      throw new RewardkitError(
        "BAD_REQUEST",
        "--threads is for a local sweep; with --queue the workers choose theirs",
      );
    }
    const seeds = parseSeeds(flags.seeds);
    const axes = flags.option.map(sweepAxis);
    const threads = flags.threads === undefined ? undefined : positiveInteger(flags.threads, "--threads");
    const runner: SweepRunner = flags.queue
      ? queueRunner(flags.queue)
      : (tasks, onReply) => runInThreads(tasks, { ...(threads ? { threads } : {}), onReply });
    const out = resolve(flags.out ?? `lab-${experiment}-sweep`);
    const started = performance.now();
    const sweep = await runSweep({
      experiment,
      seeds,
      axes,
      quick: flags.quick ?? false,
      out,
      runner,
      onProgress: (done, total, task) => progress.stage(`${done} of ${total} runs (last: seed ${task.seed})`),
    }).finally(() => progress.done());
    const seconds = (performance.now() - started) / 1000;
    if (flags.json) process.stdout.write(`${JSON.stringify(sweep, null, 2)}\n`);
    else {
      process.stdout.write(
        `${experiment}: ${sweep.runs.length} runs (${seeds.length} seeds × ${sweep.settings.length} settings)\n`,
      );
      for (const item of sweep.claims) {
        const perSetting =
          sweep.settings.length > 1
            ? ` [${item.by_setting.map((count) => `${count.holds}/${count.runs}`).join(", ")}]`
            : "";
        process.stdout.write(`  holds on ${item.holds} of ${item.runs}${perSetting}  ${item.claim}\n`);
      }
    }
    for (const run of sweep.failed) {
      process.stderr.write(
        `rewardkit: run seed ${run.seed} setting ${run.setting + 1} failed: ${run.code}: ${run.message}\n`,
      );
    }
    process.stderr.write(
      `rewardkit: wrote ${out}/sweep.json and ${out}/report.html in ${seconds.toFixed(1)} s\n`,
    );
    return sweep.failed.length > 0 ? exitCodes.internal : exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  }
}
