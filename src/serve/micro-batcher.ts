import { RewardkitError, type RewardResult, type Sample } from "../core/index.js";
import { BatchControllers } from "./batch-controllers.js";
import type { Cancellation } from "./request-scope.js";

/** One request's samples, waiting to be scored. */
export interface ScoreJob {
  readonly samples: readonly Sample[];
  readonly run: string;
  readonly step: number;
  /** Aborted when the request gives up (deadline, client gone, forced shutdown). */
  readonly cancellation: Cancellation;
  /**
   * Whether the job may share a batch with other jobs of the same run and step. Single-rollout
   * protocols (OpenRLHF, verl's per-sample form) merge; a `/v1/score` request is its own batch, so
   * batch-level rewards and group statistics see exactly the samples the caller sent together.
   */
  readonly mergeable: boolean;
}

/** What the batcher hands to the scorer: one batch, one run, one step. */
export interface BatchCall {
  readonly samples: readonly Sample[];
  readonly run: string;
  readonly step: number;
  /** Aborts only when every request in the batch has given up. */
  readonly signal: AbortSignal;
}

export interface MicroBatcherOptions {
  /** A batch is dispatched as soon as it holds this many samples. */
  maxBatchSize: number;
  /**
   * How long a mergeable job waits for others to join its batch (0: to the end of this event-loop
   * turn). When every scoring slot is busy at the end of the wait, the batch keeps gathering until a
   * slot frees (or it is full), so slow async rewards see bigger batches instead of a queue of small ones.
   */
  maxWaitMs: number;
  /** Batches scored at once (matters for async rewards: judges, remote models, sandboxes). */
  concurrency: number;
  /** Samples admitted but not yet being scored; beyond this, `submit` refuses with OVERLOADED. */
  maxQueuedSamples: number;
  score(call: BatchCall): Promise<RewardResult[]>;
  /** Told about every dispatched batch (for metrics). */
  onBatch?(info: { samples: number; requests: number }): void;
}

interface PendingJob {
  readonly job: ScoreJob;
  resolve(results: RewardResult[]): void;
  reject(error: unknown): void;
}

interface Batch {
  readonly key: string;
  readonly run: string;
  readonly step: number;
  readonly jobs: PendingJob[];
  size: number;
  /**
   * The end of its wait (an Immediate when the wait is 0, else a Timeout), cleared if it closes first.
   * The handle itself, not a closure over it: with `() => clearImmediate(immediate)` here, V8 kept
   * every request of every batch alive through young-generation collections until the next full one
   * (5–6 KB promoted per single-rollout request instead of 0.3 KB; docs/BENCHMARKS.md).
   */
  wait: NodeJS.Immediate | NodeJS.Timeout | undefined;
  /** Its wait is over but every scoring slot was busy: it keeps gathering until one frees. */
  due?: boolean;
}

/**
 * Gathers concurrent requests into batches (OpenRLHF sends one rollout per request; batch-friendly
 * rewards such as reward models want many), with a bounded wait, a bounded queue and a bound on
 * batches in flight. Results are handed back to each request in its own order.
 */
export class MicroBatcher {
  readonly #options: MicroBatcherOptions;
  readonly #open = new Map<string, Batch>();
  readonly #ready: Batch[] = [];
  #queuedSamples = 0;
  #inFlight = 0;
  /** Smoothed scoring time per sample, for Retry-After. */
  #secondsPerSample = 0;
  #idleWaiters: Array<() => void> = [];
  readonly #controllers = new BatchControllers();

  constructor(options: MicroBatcherOptions) {
    this.#options = options;
  }

  /** Samples admitted and waiting for a scoring slot. */
  get queuedSamples(): number {
    return this.#queuedSamples;
  }

  get inFlightBatches(): number {
    return this.#inFlight;
  }

  /** Seconds a refused client should wait before trying again: the queue's estimated drain time. */
  get retryAfterSeconds(): number {
    const estimate = (this.#queuedSamples * this.#secondsPerSample) / Math.max(1, this.#options.concurrency);
    return Math.min(60, Math.max(1, Math.ceil(estimate)));
  }

  /**
   * Queues a job; resolves with one result per sample, in order, or rejects with the job's abort
   * reason as soon as it is cancelled. Throws OVERLOADED when full.
   */
  submit(job: ScoreJob): Promise<RewardResult[]> {
    const count = job.samples.length;
    if (count === 0) return Promise.resolve([]);
    // An empty queue always admits, so one request larger than the bound can still run.
    if (this.#queuedSamples > 0 && this.#queuedSamples + count > this.#options.maxQueuedSamples) {
      return Promise.reject(
        new RewardkitError(
          "OVERLOADED",
          `the server is at capacity (${this.#queuedSamples} samples queued, limit ${this.#options.maxQueuedSamples}); retry later`,
          { retryable: true, details: { retryAfterSeconds: this.retryAfterSeconds } },
        ),
      );
    }
    if (job.cancellation.aborted) return Promise.reject(abortReason(job.cancellation));
    return new Promise<RewardResult[]>((settleResolve, settleReject) => {
      // The request's own abort answers it at once (its samples are skipped if the batch has not
      // run yet); otherwise the batch's results do.
      const off = job.cancellation.onAbort(() => settleReject(abortReason(job.cancellation)));
      const resolve = (results: RewardResult[]) => {
        off();
        settleResolve(results);
      };
      const reject = (error: unknown) => {
        off();
        settleReject(error);
      };
      const pending: PendingJob = { job, resolve, reject };
      this.#queuedSamples += count;
      if (!job.mergeable || count >= this.#options.maxBatchSize) {
        this.#enqueue({
          key: "",
          run: job.run,
          step: job.step,
          jobs: [pending],
          size: count,
          wait: undefined,
        });
        return;
      }
      const key = `${job.step}\u0000${job.run}`;
      let batch = this.#open.get(key);
      if (batch && batch.size + count > this.#options.maxBatchSize) {
        this.#close(batch);
        batch = undefined;
      }
      if (!batch) {
        batch = { key, run: job.run, step: job.step, jobs: [], size: 0, wait: undefined };
        this.#open.set(key, batch);
        this.#armTimer(batch);
      }
      batch.jobs.push(pending);
      batch.size += count;
      if (batch.size >= this.#options.maxBatchSize) this.#close(batch);
    });
  }

  /** Resolves once nothing is queued or being scored (graceful shutdown waits on this). */
  idle(): Promise<void> {
    if (this.#queuedSamples === 0 && this.#inFlight === 0) return Promise.resolve();
    return new Promise((resolve) => this.#idleWaiters.push(resolve));
  }

  #armTimer(batch: Batch): void {
    const fire = () => {
      batch.wait = undefined;
      if (this.#open.get(batch.key) !== batch) return;
      if (this.#inFlight < this.#options.concurrency) this.#close(batch);
      else batch.due = true;
    };
    batch.wait =
      this.#options.maxWaitMs <= 0 ? setImmediate(fire) : setTimeout(fire, this.#options.maxWaitMs);
  }

  #cancelWait(batch: Batch): void {
    const wait = batch.wait;
    if (wait === undefined) return;
    batch.wait = undefined;
    if (this.#options.maxWaitMs <= 0) clearImmediate(wait as NodeJS.Immediate);
    else clearTimeout(wait as NodeJS.Timeout);
  }

  #close(batch: Batch): void {
    this.#cancelWait(batch);
    if (this.#open.get(batch.key) === batch) this.#open.delete(batch.key);
    this.#enqueue(batch);
  }

  #enqueue(batch: Batch): void {
    this.#ready.push(batch);
    this.#pump();
  }

  #pump(): void {
    while (this.#inFlight < this.#options.concurrency) {
      if (this.#ready.length === 0 && !this.#takeDue()) break;
      const batch = this.#ready.shift() as Batch;
      this.#queuedSamples -= batch.size;
      this.#inFlight++;
      void this.#run(batch).finally(() => {
        this.#inFlight--;
        this.#pump();
        if (this.#queuedSamples === 0 && this.#inFlight === 0) {
          const waiters = this.#idleWaiters;
          this.#idleWaiters = [];
          for (const wake of waiters) wake();
        }
      });
    }
  }

  /** Moves the oldest open batch whose wait is over to the ready queue; false if there is none. */
  #takeDue(): boolean {
    for (const batch of this.#open.values()) {
      if (batch.due) {
        this.#open.delete(batch.key);
        this.#ready.push(batch);
        return true;
      }
    }
    return false;
  }

  async #run(batch: Batch): Promise<void> {
    // Requests that gave up while waiting are answered by their own handlers; skip their samples.
    const live = batch.jobs.filter((pending) => {
      if (!pending.job.cancellation.aborted) return true;
      pending.reject(abortReason(pending.job.cancellation));
      return false;
    });
    if (live.length === 0) return;
    const samples =
      live.length === 1 ? (live[0] as PendingJob).job.samples : live.flatMap((p) => p.job.samples);
    // One AbortSignal per batch (for the engine), aborted once every request in it has given up.
    const combined = allAborted(
      live.map((pending) => pending.job.cancellation),
      this.#controllers,
    );
    const started = performance.now();
    this.#options.onBatch?.({ samples: samples.length, requests: live.length });
    try {
      const results = await this.#options.score({
        samples,
        run: batch.run,
        step: batch.step,
        signal: combined.signal,
      });
      if (results.length !== samples.length) {
        throw new RewardkitError(
          "INTERNAL",
          `the reward returned ${results.length} results for ${samples.length} samples`,
        );
      }
      let offset = 0;
      for (const pending of live) {
        const count = pending.job.samples.length;
        pending.resolve(results.slice(offset, offset + count));
        offset += count;
      }
    } catch (error) {
      for (const pending of live) pending.reject(error);
    } finally {
      combined.dispose();
      const perSample = (performance.now() - started) / 1000 / samples.length;
      this.#secondsPerSample =
        this.#secondsPerSample === 0 ? perSample : 0.9 * this.#secondsPerSample + 0.1 * perSample;
    }
  }
}

function abortReason(cancellation: Cancellation): RewardkitError {
  const reason: unknown = cancellation.reason;
  if (RewardkitError.isInstance(reason)) return reason;
  return new RewardkitError("ABORTED", "the request was cancelled before its batch ran");
}

/** A signal that aborts once every one of `cancellations` has (with the reason of a lone one). */
function allAborted(
  cancellations: readonly Cancellation[],
  controllers: BatchControllers,
): { signal: AbortSignal; dispose(): void } {
  const controller = controllers.take();
  let remaining = cancellations.length;
  const offs: (() => void)[] = [];
  const onAbort = (reason: unknown) => {
    remaining--;
    if (remaining > 0) return;
    controller.abort(
      cancellations.length === 1
        ? reason
        : new RewardkitError("ABORTED", "every request in the batch was cancelled"),
    );
  };
  for (const cancellation of cancellations) {
    if (cancellation.aborted) remaining--;
    else offs.push(cancellation.onAbort(onAbort));
  }
  if (remaining === 0)
    controller.abort(new RewardkitError("ABORTED", "every request in the batch was cancelled"));
  return {
    signal: controller.signal,
    dispose() {
      for (const off of offs) off();
      controllers.give(controller);
    },
  };
}
