import type { Command } from "commander";
import { RewardkitError } from "../core/index.js";
import { startLabSweepWorker } from "../lab/sweep/index.js";
import { exitCodes, reportFailure } from "./exit.js";

interface LabWorkerFlags {
  queue?: string;
  concurrency?: string;
}

export function registerLabWorker(program: Command): void {
  program
    .command("lab-worker")
    .description(
      "Run lab sweep jobs (`rewardkit lab EXPERIMENT --seeds ... --queue URL`) from a BullMQ queue in Redis, one run per worker thread, until SIGTERM/SIGINT.",
    )
    .requiredOption("--queue <redis-url>", "the Redis that holds the queue (redis:// or rediss://)")
    .option("--concurrency <n>", "runs at a time (default: one per core)")
    .addHelpText(
      "after",
      "\nExample:\n  rewardkit lab-worker --queue redis://10.0.0.5:6379 --concurrency 4\n",
    )
    .action(async (flags: LabWorkerFlags) => {
      process.exitCode = await labWorker(flags);
    });
}

async function labWorker(flags: LabWorkerFlags): Promise<number> {
  try {
    const concurrency = flags.concurrency === undefined ? undefined : Number(flags.concurrency);
    if (concurrency !== undefined && (!Number.isInteger(concurrency) || concurrency < 1)) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--concurrency: expected a whole number of at least 1, got "${flags.concurrency}"`,
      );
    }
    const worker = await startLabSweepWorker({
      url: flags.queue as string,
      ...(concurrency ? { concurrency } : {}),
      onJob: (job, outcome, detail) =>
        process.stderr.write(
          `rewardkit: ${outcome} ${job.data.task.experiment} seed ${job.data.task.seed} setting ${job.data.task.setting + 1}${detail ? `: ${detail}` : ""}\n`,
        ),
    });
    process.stderr.write(`rewardkit: lab-worker ready (${worker.description})\n`);
    await new Promise<void>((resolve) => {
      process.once("SIGTERM", resolve);
      process.once("SIGINT", resolve);
    });
    process.stderr.write(
      "rewardkit: lab-worker stopping after its running jobs (a second signal stops it now)\n",
    );
    const now = () => process.exit(exitCodes.internal);
    process.once("SIGTERM", now);
    process.once("SIGINT", now);
    await worker.close();
    return exitCodes.ok;
  } catch (error) {
    return reportFailure(error);
  }
}
