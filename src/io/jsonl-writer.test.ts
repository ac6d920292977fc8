import { mkdtemp, readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { describe, expect, it } from "vitest";
import { jsonlFileSink } from "./jsonl-writer.js";

describe("JSONL file sink", () => {
  it("writes gzip when the name ends in .gz", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-jsonl-out-"));
    const file = join(folder, "rows.jsonl.gz");
    const sink = jsonlFileSink(file);
    await sink.write([{ row: { id: "a" }, additions: { reward: 1 } }]);
    await sink.write([{ row: { id: "b" }, additions: { reward: 0 } }]);
    await sink.close();
    const bytes = await readFile(file);
    expect([bytes[0], bytes[1]]).toEqual([0x1f, 0x8b]);
    expect(gunzipSync(bytes).toString("utf8")).toBe('{"id":"a","reward":1}\n{"id":"b","reward":0}\n');
  });

  it("reports a file it cannot open as an error naming it, not as an unhandled stream event", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-jsonl-out-"));
    const file = join(folder, "missing-folder", "rows.jsonl");
    const sink = jsonlFileSink(file);
    await expect(
      (async () => {
        await sink.write([{ row: { id: "a" }, additions: {} }]);
        await sink.close();
      })(),
    ).rejects.toThrow(`cannot write ${file}: ENOENT`);
  });
});
