import { randomUUID } from "node:crypto";
import { Queue, QueueEvents } from "bullmq";
import { connectQueueRedis } from "../../queue/connection.js";
import type { SweepRunner } from "./run-sweep.js";
import type { SweepTask } from "./sweep-grid.js";
import type { SweepReply } from "./sweep-task.js";

/**
 * The BullMQ queue lab sweeps use: its own name, so `rewardkit lab-worker` and the scoring workers
 * of `rewardkit worker` can share one Redis without taking each other's jobs.
 */
export const labSweepQueueName = "rewardkit-lab";

/** What a sweep's job carries: the sweep it belongs to, its index in the sweep, and the run. */
export interface LabSweepJob {
  sweep: string;
  id: number;
  task: SweepTask;
}

/**
 * Runs a sweep's tasks on queue workers: one BullMQ job per (experiment, seed, setting) on
 * `rewardkit-lab`, each tried twice (a worker that dies mid-run loses nothing: BullMQ hands the stalled
 * job to another), and waits for every job's result. A job that fails for good is that run's error.
 */
export function queueRunner(url: string): SweepRunner {
  return async (tasks, onReply) => {
    const connection = await connectQueueRedis(url);
    const events = new QueueEvents(labSweepQueueName, { connection: connection.duplicate() });
    const queue = new Queue<LabSweepJob>(labSweepQueueName, { connection });
    try {
      // waitUntilFinished listens on both per job: thousands of jobs are not a leak.
      queue.setMaxListeners(tasks.length + 10);
      events.setMaxListeners(2 * tasks.length + 10);
      await events.waitUntilReady();
      const sweep = randomUUID();
      const jobs = await queue.addBulk(
        tasks.map((task, id) => ({
          name: task.experiment,
          data: { sweep, id, task },
          opts: {
            jobId: `${sweep}-${id}`,
            attempts: 2,
            removeOnComplete: { age: 3600 },
            removeOnFail: { age: 24 * 3600 },
          },
        })),
      );
      return await Promise.all(
        jobs.map(async (job, id): Promise<SweepReply> => {
          let reply: SweepReply;
          try {
            const value: unknown = await job.waitUntilFinished(events);
            reply = (typeof value === "string" ? JSON.parse(value) : value) as SweepReply;
          } catch (error) {
            reply = { id, ok: false, error: { code: "JOB_FAILED", message: (error as Error).message } };
          }
          onReply(reply, tasks[id] as SweepTask);
          return reply;
        }),
      );
    } finally {
      await events.close();
      await queue.close();
      connection.disconnect();
    }
  };
}
