import { availableParallelism } from "node:os";
import { type Job, UnrecoverableError, Worker } from "bullmq";
import { redactRedisUrl } from "../../core/redis-connection.js";
import { connectQueueRedis } from "../../queue/connection.js";
import { type LabSweepJob, labSweepQueueName } from "./sweep-queue.js";
import type { SweepReply } from "./sweep-task.js";
import { SweepThreads } from "./sweep-threads.js";

/**
 * Runs one sweep job on a worker thread (the worker's event loop stays free to renew the job's
 * lock however long the run computes) and returns its reply. A run whose options or experiment are
 * wrong fails for good; a thread that died is retried by BullMQ.
 */
export async function processLabSweepJob(job: Job<LabSweepJob>, threads: SweepThreads): Promise<SweepReply> {
  const reply = await threads.run(job.data.id, job.data.task);
  if (reply.ok) return reply;
  const message = `${reply.error.code}: ${reply.error.message}`;
  throw reply.error.code === "THREAD_DIED" ? new Error(message) : new UnrecoverableError(message);
}

/** Job processors by queue name, for a worker command that serves several queues. */
export const labQueueProcessors = {
  [labSweepQueueName]: processLabSweepJob,
} as const;

export interface LabSweepWorker {
  /** Waits for running jobs to finish, then stops (SIGTERM); at once when Redis is unreachable. */
  close(): Promise<void>;
}

/** Takes lab sweep jobs from the queue at `url`, `concurrency` runs at a time (default: one per core). */
export async function startLabSweepWorker(options: {
  url: string;
  concurrency?: number;
  onJob?: (job: Job<LabSweepJob>, outcome: "completed" | "failed", detail?: string) => void;
}): Promise<LabSweepWorker & { description: string }> {
  const concurrency = options.concurrency ?? availableParallelism();
  const connection = await connectQueueRedis(options.url);
  const threads = new SweepThreads(concurrency);
  const worker = new Worker<LabSweepJob, SweepReply>(
    labSweepQueueName,
    (job) => processLabSweepJob(job, threads),
    {
      connection,
      concurrency,
    },
  );
  worker.on("completed", (job) => options.onJob?.(job, "completed"));
  worker.on("failed", (job, error) => {
    if (job) options.onJob?.(job, "failed", error.message);
  });
  await worker.waitUntilReady();
  return {
    description: `queue ${labSweepQueueName} at ${redactRedisUrl(options.url)}, ${concurrency} thread(s)`,
    close: async () => {
      // With Redis gone a graceful close would wait for it forever: then stop at once (the jobs'
      // locks expire and BullMQ hands them to another worker when Redis is back).
      await worker.close(connection.status !== "ready");
      await threads.close();
      connection.disconnect();
    },
  };
}
