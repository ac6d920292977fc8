import { type Job, Worker } from "bullmq";
import type { Redis } from "ioredis";
import { type Context, createContext, type StateStore } from "../core/index.js";
import { scoreSamples } from "../engine/index.js";
import type { ChunkJobData } from "./chunk-job.js";
import { encodeScoredBatch } from "./result-codec.js";
import { SpecCache } from "./spec-cache.js";
import { WorkerMetrics } from "./worker-metrics.js";

export interface ScoringWorkerOptions {
  connection: Redis;
  queueName: string;
  /** Per-run state of stateful nodes (the Redis state store, shared by every worker). */
  stateStore: StateStore;
  /** Chunks scored at once by this process. */
  concurrency?: number;
  /** Samples in flight at once inside a chunk (async rewards: judges, sandboxes). */
  sampleConcurrency?: number;
  /**
   * BullMQ's stalled-job recovery: a chunk whose lock is not renewed within `lockDurationMs` (the
   * worker died) is taken back by the next check (every `stalledIntervalMs`) and scored again;
   * after `maxStalledCount` such losses the chunk fails (a poison chunk that kills its workers).
   */
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
  /** Told when a chunk starts, completes or fails (the CLI prints it). */
  onChunk?: (event: {
    id: string;
    lines: readonly number[];
    what: "started" | "completed" | "failed";
    detail?: string;
  }) => void;
}

/** A BullMQ worker that scores chunks with the normal engine. */
export function startScoringWorker(options: ScoringWorkerOptions): {
  worker: Worker;
  metrics: WorkerMetrics;
  close(): Promise<void>;
} {
  const specs = new SpecCache();
  const metrics = new WorkerMetrics();
  // One context per run, as local `score` has one for the whole run: its result cache spans chunks,
  // and making one costs tens of ms (the cache's preallocated LRU), too much per chunk.
  const contexts = new Map<string, Context>();
  const contextOf = (runKey: string): Context => {
    const kept = contexts.get(runKey);
    if (kept) return kept;
    const store = options.stateStore;
    // Seeds follow the run id (pairwise and listwise judges); "cli" is local `score`'s, so a chunk
    // scores as it would locally. State is kept under the producer's run key, in Redis.
    const context = createContext({
      runId: "cli",
      concurrency: options.sampleConcurrency ?? 16,
      stateStore: { forRun: () => store.forRun(runKey), snapshot: () => store.snapshot(runKey) },
    });
    contexts.set(runKey, context);
    if (contexts.size > 8) contexts.delete(contexts.keys().next().value ?? runKey);
    return context;
  };
  const scoreChunk = async (job: Job<ChunkJobData>): Promise<string> => {
    const data = job.data;
    options.onChunk?.({ id: job.id ?? "?", lines: data.lines, what: "started" });
    metrics.active.inc();
    const stop = metrics.seconds.startTimer();
    try {
      const loaded = await specs.get(data.specHash, data.spec, data.baseDir);
      metrics.cachedSpecs.set(specs.size);
      const context = contextOf(data.runKey);
      const scored = await scoreSamples(loaded.reward, loaded.estimator, data.samples, context);
      metrics.rows.inc(data.samples.length);
      return encodeScoredBatch(scored);
    } finally {
      stop();
      metrics.active.dec();
    }
  };
  const worker = new Worker<ChunkJobData, string>(options.queueName, scoreChunk, {
    connection: options.connection,
    concurrency: options.concurrency ?? 1,
    lockDuration: options.lockDurationMs ?? 30_000,
    stalledInterval: options.stalledIntervalMs ?? 30_000,
    maxStalledCount: options.maxStalledCount ?? 1,
    name: "rewardkit-worker",
  });
  worker.on("completed", (job) => {
    metrics.chunks.inc({ outcome: "completed" });
    options.onChunk?.({ id: job.id ?? "?", lines: job.data.lines, what: "completed" });
  });
  worker.on("failed", (job, error) => {
    metrics.chunks.inc({ outcome: "failed" });
    if (job)
      options.onChunk?.({ id: job.id ?? "?", lines: job.data.lines, what: "failed", detail: error.message });
  });
  // Connection errors are retried by ioredis; BullMQ emits them here and would print them otherwise.
  worker.on("error", () => undefined);
  return {
    worker,
    metrics,
    async close() {
      await worker.close();
      await specs.close();
    },
  };
}
