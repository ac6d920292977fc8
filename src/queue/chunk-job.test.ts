import { describe, expect, it } from "vitest";
import { type ChunkJobData, chunkJobId, specHashOf } from "./chunk-job.js";
import { decodeScoredBatch, encodeScoredBatch } from "./result-codec.js";

const chunk = (samples: ChunkJobData["samples"], lines: number[]): ChunkJobData => ({
  runKey: "run-1",
  spec: { version: 1, reward: { type: "math" } },
  specHash: specHashOf({ version: 1, reward: { type: "math" } }, "/specs"),
  baseDir: "/specs",
  lines,
  samples,
});

describe("chunk job ids", () => {
  it("are the same for the same chunk sent again, and differ when rows, lines, spec or run differ", () => {
    const samples = [{ prompt: "2+2?", completion: "4", reference: "4" }];
    const id = chunkJobId(chunk(samples, [7]));
    expect(chunkJobId(chunk([...samples], [7]))).toBe(id);
    expect(id).not.toContain(":");
    expect(chunkJobId(chunk([{ prompt: "2+2?", completion: "5", reference: "4" }], [7]))).not.toBe(id);
    expect(chunkJobId(chunk(samples, [8]))).not.toBe(id);
    expect(chunkJobId({ ...chunk(samples, [7]), runKey: "run-2" })).not.toBe(id);
    expect(chunkJobId({ ...chunk(samples, [7]), specHash: specHashOf({ version: 1 }, "/specs") })).not.toBe(
      id,
    );
  });

  it("spec hashes depend on the folder relative paths resolve against", () => {
    expect(specHashOf({ a: 1 }, "/x")).toBe(specHashOf({ a: 1 }, "/x"));
    expect(specHashOf({ a: 1 }, "/x")).not.toBe(specHashOf({ a: 1 }, "/y"));
  });
});

describe("scored chunks on the wire", () => {
  it("come back exactly: undefined advantages and keep flags survive (JSON would turn them into null)", () => {
    const scored = {
      results: [
        { score: 1, components: { answer: 1 } },
        { score: 0, error: { code: "TIMEOUT", message: "late" } },
      ],
      advantage: { advantages: [0.5, undefined as unknown as number], keep: [true, false] },
    };
    const back = decodeScoredBatch(encodeScoredBatch(scored));
    expect(back).toEqual(scored);
    expect(back.advantage?.advantages[1]).toBeUndefined();
    expect(() => decodeScoredBatch(42)).toThrow(/not an encoded batch/);
  });
});
