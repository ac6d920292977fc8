import { describe, expect, it } from "vitest";
import type { RewardResult, Sample } from "../core/index.js";
import { type BatchCall, MicroBatcher, type MicroBatcherOptions } from "./micro-batcher.js";
import { cancellationOf } from "./request-scope.js";

const sample = (completion: string): Sample => ({ prompt: "", completion });

/** A batcher whose scorer records every batch and scores each sample by its completion's length. */
function recording(options: Partial<MicroBatcherOptions> = {}) {
  const calls: BatchCall[] = [];
  let release: (() => void) | undefined;
  const batcher = new MicroBatcher({
    maxBatchSize: 8,
    maxWaitMs: 5,
    concurrency: 2,
    maxQueuedSamples: 100,
    async score(call) {
      calls.push(call);
      if (options.maxQueuedSamples !== undefined) await new Promise<void>((resolve) => (release = resolve));
      return call.samples.map((item): RewardResult => ({ score: String(item.completion).length }));
    },
    ...options,
  });
  return { batcher, calls, release: () => release?.() };
}

const job = (
  completions: string[],
  extra: { run?: string; step?: number; mergeable?: boolean; signal?: AbortSignal } = {},
) => ({
  samples: completions.map(sample),
  run: extra.run ?? "r",
  step: extra.step ?? 0,
  cancellation: cancellationOf(extra.signal ?? new AbortController().signal),
  mergeable: extra.mergeable ?? true,
});

describe("MicroBatcher", () => {
  it("gathers concurrent single-sample jobs of one run and step into one batch, answering each in order", async () => {
    const { batcher, calls } = recording();
    const replies = await Promise.all([
      batcher.submit(job(["a"])),
      batcher.submit(job(["bb", "ccc"])),
      batcher.submit(job(["dddd"], { run: "other" })),
      batcher.submit(job(["eeeee"], { step: 3 })),
    ]);
    expect(replies.map((results) => results.map((result) => result.score))).toEqual([[1], [2, 3], [4], [5]]);
    expect(calls.map((call) => [call.run, call.step, call.samples.length]).sort()).toEqual([
      ["other", 0, 1],
      ["r", 0, 3],
      ["r", 3, 1],
    ]);
  });

  it("dispatches a full batch at once and never merges a job that is not mergeable", async () => {
    const { batcher, calls } = recording({ maxBatchSize: 2, maxWaitMs: 10_000 });
    const started = performance.now();
    await Promise.all([
      batcher.submit(job(["a"])),
      batcher.submit(job(["b"])),
      batcher.submit(job(["c", "d"], { mergeable: false })),
    ]);
    expect(performance.now() - started).toBeLessThan(5_000);
    expect(calls.map((call) => call.samples.map((item) => item.completion))).toEqual([
      ["a", "b"],
      ["c", "d"],
    ]);
  });

  it("refuses with OVERLOADED (and a Retry-After estimate) when the queue is full", async () => {
    const { batcher, release } = recording({ maxQueuedSamples: 3, concurrency: 1, maxWaitMs: 0 });
    const first = batcher.submit(job(["a"], { mergeable: false }));
    await new Promise((resolve) => setImmediate(resolve));
    const queued = batcher.submit(job(["b", "c"], { mergeable: false }));
    await expect(batcher.submit(job(["d", "e"]))).rejects.toMatchObject({
      code: "OVERLOADED",
      retryable: true,
    });
    expect(batcher.queuedSamples).toBe(2);
    expect(batcher.retryAfterSeconds).toBeGreaterThanOrEqual(1);
    release();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    release();
    expect((await queued).length).toBe(2);
    await batcher.idle();
    expect(batcher.queuedSamples).toBe(0);
  });

  it("skips jobs whose request gave up before the batch ran, and aborts a batch only when all did", async () => {
    const { batcher, calls } = recording({ maxWaitMs: 20 });
    const gone = new AbortController();
    const staying = batcher.submit(job(["a"]));
    const leaving = batcher.submit(job(["bb"], { signal: gone.signal }));
    gone.abort(new Error("client left"));
    await expect(leaving).rejects.toBeDefined();
    expect((await staying).map((result) => result.score)).toEqual([1]);
    expect(calls[0]?.samples.length).toBe(1);
    expect(calls[0]?.signal.aborted).toBe(false);
  });
});

describe("MicroBatcher under a slow async reward", () => {
  it("keeps gathering while every slot is busy, then dispatches one batch when a slot frees", async () => {
    const calls: number[] = [];
    const releases: Array<() => void> = [];
    const batcher = new MicroBatcher({
      maxBatchSize: 64,
      maxWaitMs: 0,
      concurrency: 1,
      maxQueuedSamples: 1000,
      async score(call) {
        calls.push(call.samples.length);
        await new Promise<void>((resolve) => releases.push(resolve));
        return call.samples.map(() => ({ score: 1 }));
      },
    });
    const first = batcher.submit(job(["a"]));
    await new Promise((resolve) => setImmediate(resolve));
    // The only slot is busy: these five arrive over several event-loop turns and wait together.
    const later: Promise<unknown>[] = [];
    for (let index = 0; index < 5; index++) {
      later.push(batcher.submit(job([`b${index}`])));
      await new Promise((resolve) => setImmediate(resolve));
    }
    expect(calls).toEqual([1]);
    releases.shift()?.();
    await first;
    await new Promise((resolve) => setImmediate(resolve));
    expect(calls).toEqual([1, 5]);
    releases.shift()?.();
    await Promise.all(later);
  });
});
