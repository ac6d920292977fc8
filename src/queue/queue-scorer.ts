import { Queue, QueueEvents } from "bullmq";
import type { Redis } from "ioredis";
import type { RewardResult } from "../core/index.js";
import type { BatchScorer, ScoredBatch } from "../engine/index.js";
import { type ChunkJobData, chunkJobId } from "./chunk-job.js";
import { decodeScoredBatch } from "./result-codec.js";

export interface QueueScorerOptions {
  connection: Redis;
  queueName: string;
  runKey: string;
  spec: unknown;
  specHash: string;
  baseDir: string;
  /** Tries per chunk when scoring throws (BullMQ `attempts`); a worker dying is counted apart. */
  attempts?: number;
  /** The root's `on_error`: the reward written for rows of a chunk that failed. */
  onErrorScore: number;
  /** Told when a chunk's rows come back, or when it failed for good. */
  onChunk?: (event: { lines: readonly number[]; failed?: string }) => void;
}

/** How long a finished job is kept when the producer that wanted it is gone (then it is scored again). */
const keepFinishedSeconds = 7 * 24 * 3600;

/**
 * The producer's side: each batch becomes a job on the queue; its scored rows come back when a
 * worker finishes it. A chunk that failed for good (thrown `attempts` times, or stalled more than
 * the workers' `maxStalledCount` — it killed them) comes back as rows with the error
 * `CHUNK_FAILED`, so every row is in the output and the summary counts it as errored.
 */
export async function openQueueScorer(
  options: QueueScorerOptions,
): Promise<{ scorer: BatchScorer; queue: Queue; close(): Promise<void> }> {
  const queue = new Queue<ChunkJobData, string>(options.queueName, { connection: options.connection });
  const events = new QueueEvents(options.queueName, { connection: options.connection.duplicate() });
  // Every chunk in flight waits with its own listeners; the producer bounds how many there are.
  queue.setMaxListeners(0);
  events.setMaxListeners(0);
  queue.on("error", () => undefined);
  events.on("error", () => undefined);
  await events.waitUntilReady();
  const scorer: BatchScorer = async (batch) => {
    const data: ChunkJobData = {
      runKey: options.runKey,
      spec: options.spec,
      specHash: options.specHash,
      baseDir: options.baseDir,
      lines: [...batch.lines],
      samples: [...batch.samples],
    };
    const job = await queue.add("chunk", data, {
      jobId: chunkJobId(data),
      attempts: options.attempts ?? 3,
      removeOnComplete: { age: keepFinishedSeconds },
      removeOnFail: { age: keepFinishedSeconds },
    });
    let scored: ScoredBatch;
    try {
      scored = decodeScoredBatch(await job.waitUntilFinished(events));
      options.onChunk?.({ lines: data.lines });
    } catch (error) {
      const reason = (error as Error).message;
      options.onChunk?.({ lines: data.lines, failed: reason });
      scored = failedChunk(data.samples.length, options.onErrorScore, reason);
    }
    // Once the rows are written the job's result is no longer needed (a failed one is removed too, so
    // a later run of the same input tries it again). Until then a resumed producer finds it here.
    const written = async () => {
      await queue.remove(job.id ?? "").catch(() => undefined);
    };
    return { ...scored, written };
  };
  return {
    scorer,
    queue,
    async close() {
      await events.close();
      await queue.close();
    },
  };
}

function failedChunk(size: number, score: number, reason: string): ScoredBatch {
  const result: RewardResult = {
    score,
    error: { code: "CHUNK_FAILED", message: `the chunk holding this row failed on the queue: ${reason}` },
  };
  return { results: Array.from({ length: size }, () => ({ ...result })), advantage: undefined };
}
