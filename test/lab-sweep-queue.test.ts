import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runInThreads, runSweep } from "../src/lab/sweep/index.js";
import { cliPath, repoRoot, runCli } from "./helpers/cli.js";
import { hasRedis, startRedis } from "./helpers/redis.js";

interface WorkerProcess {
  child: ChildProcess;
  stderr(): string;
  exited: Promise<number | null>;
}

/** `rewardkit lab-worker --queue URL` as a subprocess, resolved once it says it is ready. */
function startWorker(url: string): Promise<WorkerProcess> {
  const child = spawn(process.execPath, [cliPath, "lab-worker", "--queue", url, "--concurrency", "1"], {
    cwd: repoRoot,
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
  return new Promise((resolve, reject) => {
    child.stderr?.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
      if (stderr.includes("lab-worker ready")) resolve({ child, stderr: () => stderr, exited });
    });
    void exited.then((code) => reject(new Error(`lab-worker exited with ${code}: ${stderr}`)));
  });
}

describe.skipIf(!hasRedis)("lab sweeps on BullMQ (real redis-server, two lab-worker processes)", () => {
  let redis: Awaited<ReturnType<typeof startRedis>>;
  const directories: string[] = [];
  beforeAll(async () => {
    redis = await startRedis();
  });
  afterAll(async () => {
    await redis.stop();
    await Promise.all(directories.map((directory) => rm(directory, { recursive: true, force: true })));
  });

  it("runs the grid as one job per seed and setting and gives what a local sweep gives", async () => {
    const workers = [await startWorker(redis.url), await startWorker(redis.url)];
    const out = await mkdtemp(join(tmpdir(), "rewardkit-sweep-queue-"));
    const local = await mkdtemp(join(tmpdir(), "rewardkit-sweep-local-"));
    directories.push(out, local);
    try {
      const grid = ["constrained", "--quick", "--seeds", "1-3", "--option", "steps=40,80"];
      const run = await runCli(["lab", ...grid, "--queue", redis.url, "--out", out]);
      expect(run.stderr).toContain(`wrote ${out}/sweep.json`);
      expect(run.code).toBe(0);
      expect(run.stdout).toContain("6 runs (3 seeds × 2 settings)");
      await runSweep({
        experiment: "constrained",
        seeds: [1, 2, 3],
        quick: true,
        axes: [{ name: "steps", values: [40, 80] }],
        out: local,
        runner: (tasks, onReply) => runInThreads(tasks, { threads: 2, onReply }),
      });
      expect(await readFile(join(out, "sweep.json"), "utf8")).toBe(
        await readFile(join(local, "sweep.json"), "utf8"),
      );
      for (const setting of [1, 2]) {
        for (const seed of [1, 2, 3]) {
          const path = join(`setting-${setting}`, `seed-${seed}`, "results.json");
          expect(await readFile(join(out, path), "utf8")).toBe(await readFile(join(local, path), "utf8"));
        }
      }
      // Every job ran exactly once, and both workers took some.
      const completed = workers.map((worker) => worker.stderr().match(/completed constrained/g)?.length ?? 0);
      expect(completed.reduce((total, count) => total + count, 0)).toBe(6);
      for (const count of completed) expect(count).toBeGreaterThan(0);
    } finally {
      for (const worker of workers) worker.child.kill("SIGTERM");
      expect(await Promise.all(workers.map((worker) => worker.exited))).toEqual([0, 0]);
    }
  }, 120_000);

  it("fails at once, naming the URL, when the queue's Redis cannot be reached", async () => {
    const run = await runCli([
      "lab",
      "constrained",
      "--quick",
      "--seeds",
      "1-2",
      "--queue",
      "redis://127.0.0.1:1",
    ]);
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("cannot reach Redis at redis://127.0.0.1:1");
  });
});
