import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { startCli } from "./helpers/browser.js";
import { runCli } from "./helpers/cli.js";

// `rewardkit inspect` as a subprocess, without a browser: what it refuses and how its JSON API pages.
describe("rewardkit inspect", () => {
  it("exits 3 naming every line when the file holds no scored row", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-inspect-cli-"));
    const file = join(folder, "unscored.jsonl");
    await writeFile(file, '{"prompt":"p","completion":"c"}\n{broken\n');
    const run = await runCli(["inspect", file]);
    expect(run.code).toBe(3);
    expect(run.stdout).toBe("");
    expect(run.stderr).toContain(`${file}:1: skipped: no numeric reward`);
    expect(run.stderr).toContain(`${file}:2: skipped: invalid JSON`);
    expect(run.stderr).toContain("nothing usable (exit 3)");
  });

  it("exits 2 for a missing file, a bad --port and a --lab folder without results", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-inspect-cli-"));
    const missing = await runCli(["inspect", join(folder, "nope.jsonl")]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("nope.jsonl");
    const file = join(folder, "scored.jsonl");
    await writeFile(file, '{"reward":1,"components":{}}\n');
    expect((await runCli(["inspect", file, "--port", "70000"])).stderr).toContain("--port");
    const lab = await runCli(["inspect", file, "--lab", folder]);
    expect(lab.code).toBe(2);
    expect(lab.stderr).toContain(`no results.json under ${folder}`);
  });

  it("serves the figures once and the rows a page at a time", async () => {
    const folder = await mkdtemp(join(tmpdir(), "rewardkit-inspect-cli-"));
    const file = join(folder, "scored.jsonl");
    const rows = Array.from({ length: 230 }, (_, index) => ({
      id: `r${index}`,
      reward: index % 10,
      components: {},
    }));
    await writeFile(file, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);
    const cli = await startCli(["inspect", file]);
    try {
      const summary = (await (await fetch(`${cli.firstLine}api/summary`)).json()) as {
        rows: number;
        components: Array<{ name: string; mean: number; histogram: { bins: Array<{ count: number }> } }>;
      };
      expect(summary.rows).toBe(230);
      expect(summary.components[0]?.mean).toBeCloseTo(
        rows.reduce((sum, row) => sum + row.reward, 0) / 230,
        12,
      );
      expect(summary.components[0]?.histogram.bins.map((bin) => bin.count)).toEqual([
        23, 23, 23, 23, 23, 23, 23, 23, 23, 23,
      ]);
      const page = (await (
        await fetch(`${cli.firstLine}api/rows?offset=200&limit=50&min=9&component=reward`)
      ).json()) as {
        total: number;
        rows: Array<{ id: string }>;
      };
      expect(page.total).toBe(23);
      expect(page.rows).toEqual([]);
      const first = (await (
        await fetch(`${cli.firstLine}api/rows?limit=2&min=9&component=reward`)
      ).json()) as {
        rows: Array<{ id: string }>;
      };
      expect(first.rows.map((row) => row.id)).toEqual(["r9", "r19"]);
      const bad = await fetch(`${cli.firstLine}api/rows?limit=5000`);
      expect(bad.status).toBe(400);
      expect((await fetch(`${cli.firstLine}api/rows/999`)).status).toBe(404);
      expect((await fetch(`${cli.firstLine}assets/uPlot.iife.min.js`)).status).toBe(200);
    } finally {
      expect(await cli.stop()).toBe(0);
    }
  });

  it("serve --ui refuses --workers above 1 and a server without a spec", async () => {
    const workers = await runCli(["serve", "--spec", "bench/engine/spec.yaml", "--ui", "--workers", "2"]);
    expect(workers.code).toBe(2);
    expect(workers.stderr).toContain("--ui keeps the traffic in one process's memory");
    const noSpec = await runCli(["serve", "--env", "four-rooms", "--ui"]);
    expect(noSpec.code).toBe(2);
    expect(noSpec.stderr).toContain("--ui shows the reward traffic of a spec: give --spec");
  });
});
