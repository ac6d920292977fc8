import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runLab } from "../src/lab/index.js";
import { runInThreads, runSweep, type SweepResults, sequentialRunner } from "../src/lab/sweep/index.js";

const directories: string[] = [];
afterAll(async () => {
  await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
});
const temporary = async () => {
  const directory = await mkdtemp(join(tmpdir(), "rewardkit-sweep-"));
  directories.push(directory);
  return directory;
};

/** A fast grid: constrained at its quick settings, 3 seeds × 2 step counts. */
const grid = {
  experiment: "constrained",
  seeds: [1, 2, 3],
  quick: true,
  axes: [{ name: "steps", values: [40, 80] }],
};

interface RunFile {
  claims: { claim: string; holds: boolean }[];
}

describe("lab sweeps", () => {
  it("worker threads give every run's results.json byte for byte as sequential runs do", async () => {
    const threaded = await temporary();
    const sweep = await runSweep({
      ...grid,
      out: threaded,
      runner: (tasks, onReply) => runInThreads(tasks, { threads: 2, onReply }),
    });
    expect(sweep.failed).toEqual([]);
    expect(sweep.runs).toHaveLength(6);
    const sequential = await temporary();
    for (const [setting, steps] of [40, 80].entries()) {
      for (const seed of grid.seeds) {
        const out = join(sequential, `${setting}-${seed}`);
        await runLab({ experiment: "constrained", seed, quick: true, options: { steps }, out });
        const own = await readFile(join(out, "results.json"), "utf8");
        const swept = await readFile(
          join(threaded, `setting-${setting + 1}`, `seed-${seed}`, "results.json"),
          "utf8",
        );
        expect(swept).toBe(own);
        expect(JSON.parse(swept).settings.steps).toBe(steps);
      }
    }
    // The aggregate is the same however the runs ran.
    const inProcess = await runSweep({ ...grid, runner: sequentialRunner });
    expect(inProcess).toEqual(JSON.parse(await readFile(join(threaded, "sweep.json"), "utf8")));
  }, 120_000);

  it("counts each claim's holds per setting and in all from the runs' own results.json files", async () => {
    const out = await temporary();
    const sweep: SweepResults = await runSweep({ ...grid, out, runner: sequentialRunner });
    const files = new Map<string, RunFile>();
    for (const run of sweep.runs) {
      files.set(
        `${run.setting}/${run.seed}`,
        JSON.parse(await readFile(join(out, run.path, "results.json"), "utf8")) as RunFile,
      );
    }
    const texts = (files.get("0/1") as RunFile).claims.map((item) => item.claim);
    expect(sweep.claims.map((item) => item.claim)).toEqual(texts);
    for (const item of sweep.claims) {
      for (const count of item.by_setting) {
        const outcomes = grid.seeds.map((seed) => {
          const found = files
            .get(`${count.setting}/${seed}`)
            ?.claims.find((entry) => entry.claim === item.claim);
          return { seed, holds: found?.holds };
        });
        expect(count.runs).toBe(3);
        expect(count.holds).toBe(outcomes.filter((outcome) => outcome.holds === true).length);
        expect(count.fails_on_seeds).toEqual(
          outcomes.filter((outcome) => outcome.holds === false).map((o) => o.seed),
        );
      }
      expect(item.runs).toBe(6);
      expect(item.holds).toBe(item.by_setting.reduce((total, count) => total + count.holds, 0));
    }
    // At least one claim differs between seeds or settings, or the counts would not be tested at all.
    expect(sweep.claims.some((item) => item.holds > 0 && item.holds < item.runs)).toBe(true);
  }, 120_000);

  it("lists a run that failed, leaves it out of the counts, and refuses a bad setting before any run", async () => {
    const sweep = await runSweep({
      ...grid,
      seeds: [1, 2],
      axes: [],
      runner: async (tasks, onReply) => {
        const replies = await sequentialRunner(tasks.slice(1), onReply);
        const failed = { id: 0, ok: false as const, error: { code: "THREAD_DIED", message: "killed" } };
        onReply(failed, tasks[0] as (typeof tasks)[number]);
        return [failed, ...replies];
      },
    });
    expect(sweep.failed).toEqual([{ setting: 0, seed: 1, code: "THREAD_DIED", message: "killed" }]);
    expect(sweep.runs.map((run) => run.seed)).toEqual([2]);
    for (const item of sweep.claims) expect(item.runs).toBe(1);
    let ran = 0;
    await expect(
      runSweep({
        ...grid,
        axes: [{ name: "steps", values: [40, "many"] }],
        runner: async (tasks, onReply) => {
          ran += tasks.length;
          return sequentialRunner(tasks, onReply);
        },
      }),
    ).rejects.toMatchObject({ code: "BAD_REQUEST", path: "steps" });
    expect(ran).toBe(0);
  });
});
