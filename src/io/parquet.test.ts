import { mkdtemp } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { openParquet } from "./parquet-reader.js";
import { parquetFileSink } from "./parquet-writer.js";

async function readBack(file: string) {
  const rows = [];
  for await (const read of await openParquet(file)) rows.push(read);
  return rows;
}

describe("Parquet", () => {
  it("reads back every value as it was written: objects, numbers, booleans and strings keep their shape", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-parquet-"));
    const file = join(folder, "rows.parquet");
    const sink = parquetFileSink(file);
    const prompt = [{ role: "user", content: "2+3?" }];
    await sink.write([
      { row: { id: "a", prompt, reference: "5" }, additions: { reward: 1, components: { f: 1 } } },
      { row: { id: "b", prompt, reference: 5 }, additions: { reward: 0.5, components: { f: 0 } } },
    ]);
    // A later batch brings a column the first did not have (`error`) and a string that looks like JSON.
    await sink.write([
      {
        row: { id: "c", prompt: '{"not":"an object"}', reference: null },
        additions: {
          reward: -1,
          components: {},
          error: { code: "TIMEOUT", message: "slow" },
          filtered: true,
        },
      },
    ]);
    await sink.close();
    const rows = await readBack(file);
    expect(rows.map((read) => read.ok && read.line)).toEqual([1, 2, 3]);
    expect(rows.map((read) => read.ok && read.row)).toEqual([
      { id: "a", prompt, reference: "5", reward: 1, components: { f: 1 }, error: null, filtered: null },
      { id: "b", prompt, reference: 5, reward: 0.5, components: { f: 0 }, error: null, filtered: null },
      {
        id: "c",
        prompt: '{"not":"an object"}',
        reference: null,
        reward: -1,
        components: {},
        error: { code: "TIMEOUT", message: "slow" },
        filtered: true,
      },
    ]);
  });

  it("leaves a valid empty file when no row was written", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-parquet-"));
    const file = join(folder, "empty.parquet");
    const sink = parquetFileSink(file);
    await sink.close();
    expect(await readBack(file)).toEqual([]);
  });
});
