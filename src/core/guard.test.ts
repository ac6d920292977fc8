import { describe, expect, it } from "vitest";
import { z } from "zod";
import { makeSample, testContext } from "../testing/index.js";
import { compileReward } from "./compile.js";
import { RewardkitError } from "./errors.js";
import { defineNode } from "./node.js";
import { registryOf } from "./registry.js";
import { perBatch, perSample, type SampleScore } from "./reward.js";
import type { Sample } from "./sample.js";

/** A node whose behaviour the test controls through a function of the completion. */
function scriptedRegistry(
  behaviour: (completion: string, calls: number) => SampleScore | Promise<SampleScore>,
) {
  let calls = 0;
  const node = defineNode({
    type: "scripted",
    summary: "test node",
    fields: z.object({}),
    create: () => perSample((sample: Sample) => behaviour(String(sample.completion), ++calls)),
  });
  return { registry: registryOf(node), calls: () => calls };
}

describe("the engine guard around every node", () => {
  it("isolates a failing sample: the others keep their scores, the failure gets on_error and a code", async () => {
    const { registry } = scriptedRegistry((completion) => {
      if (completion === "boom") throw new Error("scorer crashed");
      return 1;
    });
    const { reward } = await compileReward({ type: "scripted", on_error: -1 }, { registry });
    const results = await reward.score(
      [
        makeSample({ completion: "ok" }),
        makeSample({ completion: "boom" }),
        makeSample({ completion: "ok" }),
      ],
      testContext(),
    );
    expect(results.map((result) => result.score)).toEqual([1, -1, 1]);
    expect(results[1]?.error).toEqual({ code: "NODE_FAILED", message: "scorer crashed", node: "scripted" });
  });

  it("turns NaN and Infinity into a NON_FINITE error instead of passing them to training", async () => {
    const { registry } = scriptedRegistry((completion) =>
      completion === "nan" ? Number.NaN : Number.POSITIVE_INFINITY,
    );
    const { reward } = await compileReward({ type: "scripted" }, { registry });
    const results = await reward.score(
      [makeSample({ completion: "nan" }), makeSample({ completion: "inf" })],
      testContext(),
    );
    expect(results.map((result) => [result.score, result.error?.code])).toEqual([
      [0, "NON_FINITE"],
      [0, "NON_FINITE"],
    ]);
  });

  it("enforces timeout_ms per sample and aborts the node's signal", async () => {
    let sawAbort = false;
    const node = defineNode({
      type: "slow",
      summary: "test",
      fields: z.object({ ms: z.number() }),
      create: (spec) =>
        perSample(
          (_sample, context) =>
            new Promise<number>((resolve) => {
              const timer = setTimeout(() => resolve(1), spec.ms);
              context.signal.addEventListener("abort", () => {
                sawAbort = true;
                clearTimeout(timer);
              });
            }),
        ),
    });
    const { reward } = await compileReward(
      { type: "slow", ms: 5_000, timeout_ms: 50 },
      { registry: registryOf(node) },
    );
    const started = Date.now();
    const [result] = await reward.score([makeSample()], testContext());
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(result?.error?.code).toBe("TIMEOUT");
    expect(result?.error?.message).toContain("timeout_ms=50");
    expect(sawAbort).toBe(true);
  });

  it("retries retryable failures and gives up on the others", async () => {
    const { registry, calls } = scriptedRegistry((_completion, call) => {
      if (call < 3) throw new RewardkitError("UPSTREAM_ERROR", "502 from judge", { retryable: true });
      return 0.5;
    });
    const { reward } = await compileReward({ type: "scripted", retries: 3 }, { registry });
    const [result] = await reward.score([makeSample()], testContext());
    expect(result?.score).toBe(0.5);
    expect(calls()).toBe(3);

    const permanent = scriptedRegistry(() => {
      throw new RewardkitError("PARSE_FAILED", "no score in reply");
    });
    const compiled = await compileReward({ type: "scripted", retries: 3 }, { registry: permanent.registry });
    await compiled.reward.score([makeSample()], testContext());
    expect(permanent.calls()).toBe(1);
  });

  it("caches by content when asked: the same sample is scored once", async () => {
    const { registry, calls } = scriptedRegistry(() => 0.25);
    const { reward } = await compileReward({ type: "scripted", cache: true }, { registry });
    const context = testContext();
    const batch = [makeSample({ completion: "same" }), makeSample({ completion: "other" })];
    await reward.score(batch, context);
    const again = await reward.score(batch, context);
    expect(calls()).toBe(2);
    expect(again.map((result) => result.score)).toEqual([0.25, 0.25]);
    expect(context.cache.stats.hits).toBe(2);
  });

  it("bounds concurrency of async per-sample work", async () => {
    let inFlight = 0;
    let peak = 0;
    const { registry } = scriptedRegistry(async () => {
      inFlight++;
      peak = Math.max(peak, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 5));
      inFlight--;
      return 1;
    });
    const { reward } = await compileReward({ type: "scripted" }, { registry });
    const batch = Array.from({ length: 40 }, (_, index) => makeSample({ completion: String(index) }));
    await reward.score(batch, testContext({ concurrency: 4 }));
    expect(peak).toBe(4);
  });

  it("a node that answers some samples at once and others later keeps order, errors and the bound", async () => {
    let inFlight = 0;
    let peak = 0;
    const { registry } = scriptedRegistry((completion) => {
      const index = Number(completion);
      if (index % 5 === 4) throw new Error(`sample ${index} broke`);
      if (index < 3 || index % 3 !== 0) return index;
      // From sample 3 on, every third sample answers asynchronously (after the plain loop gave up).
      inFlight++;
      peak = Math.max(peak, inFlight);
      return new Promise<SampleScore>((resolve) =>
        setTimeout(() => {
          inFlight--;
          resolve(index * 10);
        }, 3),
      );
    });
    const { reward } = await compileReward({ type: "scripted", name: "s", on_error: -1 }, { registry });
    const batch = Array.from({ length: 30 }, (_, index) => makeSample({ completion: String(index) }));
    const results = await reward.score(batch, testContext({ concurrency: 2 }));
    const expected = batch.map((_, index) =>
      index % 5 === 4 ? -1 : index >= 3 && index % 3 === 0 ? index * 10 : index,
    );
    expect(results.map((result) => result.score)).toEqual(expected);
    expect(results.map((result) => result.components?.s)).toEqual(expected);
    expect(results[4]?.error).toMatchObject({ code: "NODE_FAILED", node: "s" });
    expect(peak).toBeLessThanOrEqual(2);
  });

  it("an aborted request scores nothing: every sample gets ABORTED", async () => {
    const { registry, calls } = scriptedRegistry(() => 1);
    const { reward } = await compileReward({ type: "scripted" }, { registry });
    const controller = new AbortController();
    controller.abort();
    const results = await reward.score(
      [makeSample({ completion: "a" }), makeSample({ completion: "b" })],
      testContext({ signal: controller.signal }),
    );
    expect(results.map((result) => result.error?.code)).toEqual(["ABORTED", "ABORTED"]);
    expect(calls()).toBe(0);
  });

  it("fails a whole batch call cleanly when a batch node returns the wrong number of results", async () => {
    const node = defineNode({
      type: "short",
      summary: "test",
      fields: z.object({}),
      create: () => perBatch(() => [1]),
    });
    const { reward } = await compileReward({ type: "short" }, { registry: registryOf(node) });
    const results = await reward.score([makeSample(), makeSample()], testContext());
    expect(results.map((result) => result.error?.code)).toEqual(["INTERNAL", "INTERNAL"]);
  });
});
