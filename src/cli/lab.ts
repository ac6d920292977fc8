import { resolve } from "node:path";
import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import { describeExperiments } from "../lab/experiment-help.js";
import { experiments, runLab } from "../lab/index.js";
import { exitCodes, reportFailure } from "./exit.js";
import { applyOptionFlag } from "./option-flags.js";
import { stageProgress } from "./stage-progress.js";

export interface LabFlags {
  out?: string;
  seed: string;
  seeds?: string;
  queue?: string;
  threads?: string;
  option: string[];
  quick?: boolean;
  json?: boolean;
  list?: boolean;
}

const help = () => `
Experiment options are set with --option name=value (values are YAML: numbers, [lists], words).

Examples:
  rewardkit lab overoptimization --out runs/overopt --seed 1
  rewardkit lab overoptimization --option label_noise=0 --option members=3
  rewardkit lab dpo-overoptimization --option 'betas=[0.01, 0.1, 1]' --quick

Sweeps (--seeds): every seed × every combination of the values of --option name=v1,v2 (commas
outside [brackets] separate values); runs on worker threads, one per core, or with --queue on
\`rewardkit lab-worker\` processes; writes DIR/sweep.json, DIR/report.html and DIR/setting-K/seed-N/.
  rewardkit lab constrained --seeds 1-20 --option correlation=0.2,0.8 --out runs/constrained
  rewardkit lab constrained --seeds 1-20 --queue redis://127.0.0.1:6379

Experiments and their options:
${describeExperiments()}`;

export function registerLab(program: Command): void {
  program
    .command("lab")
    .description(
      "Run a seeded simulation that reproduces a paper's finding with the library's own methods; writes DIR/results.json and DIR/report.html.",
    )
    .argument("[experiment]", `one of: ${Object.keys(experiments).join(", ")}`)
    .option("--list", "print the experiments' names, one a line, and exit")
    .option("--out <dir>", "where results.json and report.html go (default: lab-EXPERIMENT-seedN)")
    .option("--seed <n>", "the run's seed: the same seed gives the same results.json", "1")
    .option("--seeds <list>", "sweep over seeds, e.g. 1-20 or 1,4,9 (and over --option name=v1,v2 values)")
    .option("--threads <n>", "a sweep's worker threads (default: one per core)")
    .option("--queue <redis-url>", "run a sweep's runs as BullMQ jobs for `rewardkit lab-worker` processes")
    .option(
      "--option <name=value>",
      "set an experiment option (repeatable)",
      (value: string, previous: string[]) => [...previous, value],
      [],
    )
    .option("--quick", "small settings that run in seconds (then --option values on top)")
    .option("--json", "print results.json to stdout instead of the claims summary")
    .addHelpText("after", help)
    .action(async (experiment: string | undefined, flags: LabFlags) => {
      if (flags.list) {
        process.stdout.write(`${Object.keys(experiments).join("\n")}\n`);
        return;
      }
      if (experiment === undefined) {
        process.stderr.write("rewardkit: lab: name an experiment (rewardkit lab --list shows them)\n");
        process.exitCode = exitCodes.usage;
        return;
      }
      if (flags.seeds !== undefined || flags.queue !== undefined || flags.threads !== undefined) {
        process.exitCode = await (await import("./lab-sweep.js")).labSweep(experiment, flags);
        return;
      }
      process.exitCode = await lab(experiment, flags);
    });
}

async function lab(experiment: string, flags: LabFlags): Promise<number> {
  const progress = stageProgress(experiment);
  try {
    if (!experiments[experiment]) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `unknown experiment "${experiment}" (known: ${Object.keys(experiments).join(", ")})`,
      );
    }
    const seed = Number(flags.seed);
    if (!Number.isInteger(seed)) {
      throw new RewardkitError("BAD_REQUEST", `--seed: expected an integer, got "${flags.seed}"`);
    }
    const options: Record<string, unknown> = {};
    for (const option of flags.option) applyOptionFlag(options, option, "members=3");
    const out = resolve(flags.out ?? `lab-${experiment}-seed${seed}`);
    const started = performance.now();
    const results = await runLab({
      experiment,
      seed,
      options,
      quick: flags.quick ?? false,
      out,
      onProgress: (stage) => progress.stage(stage),
    }).finally(() => progress.done());
    const seconds = (performance.now() - started) / 1000;
    if (flags.json) {
      process.stdout.write(`${JSON.stringify(results, null, 2)}\n`);
    } else {
      const held = results.claims.filter((item) => item.holds).length;
      process.stdout.write(`${experiment} (seed ${seed}): ${held} of ${results.claims.length} claims hold\n`);
      for (const item of results.claims)
        process.stdout.write(`  ${item.holds ? "holds  " : "fails  "} ${item.claim}\n`);
    }
    process.stderr.write(
      `rewardkit: wrote ${out}/results.json and ${out}/report.html in ${seconds.toFixed(1)} s\n`,
    );
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  }
}
