import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliPath, parseJsonl, repoRoot, runCli } from "./helpers/cli.js";
import { gsm8kRollouts } from "./helpers/gsm8k.js";
import { chunksStarted, spawnWorker, type WorkerProcess } from "./helpers/queue-workers.js";
import { hasRedis, startRedis } from "./helpers/redis.js";
import { freePort } from "./helpers/redis-server.js";
import { hasSharedData } from "./helpers/shared-data.js";

// GSM8K's "A: 18" final-answer rule (test/helpers/gsm8k.ts), 400 ms per sample so chunks take long
// enough to kill a worker in the middle of one. A row whose prompt says POISON kills its process.
const slowMatchModule = `
const final = (text) => {
  const match = /A:\\s*(-?[\\d,]*\\.?\\d+)\\s*$/.exec(String(text).trim());
  return match ? Number(match[1].replace(/,/g, "")) : undefined;
};
export default async function slowMatch(sample) {
  if (String(sample.prompt).includes("POISON")) process.kill(process.pid, "SIGKILL");
  await new Promise((resolve) => setTimeout(resolve, 400));
  const want = final(sample.reference);
  if (want === undefined) return { score: 0, error: { code: "NOT_APPLICABLE", message: "no final answer in the reference" } };
  const got = final(sample.completion);
  return got !== undefined && got === want ? 1 : 0;
}
`;

const spec = `version: 1
reward:
  type: weighted
  terms:
    - weight: 1
      reward: { type: module, name: answer, path: ./slow-match.mjs }
advantage: { type: grpo, preset: verl }
`;

const chunkSize = 8;

describe.skipIf(!hasRedis || !hasSharedData("gsm8k/example_model_solutions.jsonl"))(
  "distributed score on BullMQ (real redis-server, worker subprocesses, GSM8K rows)",
  () => {
    let redis: Awaited<ReturnType<typeof startRedis>>;
    let folder: string;
    let input: string;
    let local: string;
    const workers: WorkerProcess[] = [];
    beforeAll(async () => {
      redis = await startRedis();
      folder = await mkdtemp(join(tmpdir(), "rewardkit-queue-"));
      await writeFile(join(folder, "slow-match.mjs"), slowMatchModule);
      await writeFile(join(folder, "spec.yaml"), spec);
      // 50 questions x 4 models' solutions = 200 rows in groups of 4: 25 chunks of 8 rows.
      const rollouts = await gsm8kRollouts(50);
      input = join(folder, "rows.jsonl");
      await writeFile(
        input,
        rollouts
          .map((rollout, index) =>
            JSON.stringify({
              id: `r${index}`,
              group: `q${Math.floor(index / 4)}`,
              prompt: rollout.question,
              completion: rollout.solution,
              reference: rollout.reference,
              is_correct: rollout.isCorrect,
            }),
          )
          .join("\n")
          .concat("\n"),
      );
      const reference = await runCli([
        "score",
        "--spec",
        join(folder, "spec.yaml"),
        "--input",
        input,
        "--output",
        join(folder, "local.jsonl"),
      ]);
      expect(reference.code, reference.stderr).toBe(0);
      local = await readFile(join(folder, "local.jsonl"), "utf8");
    }, 60_000);
    afterAll(async () => {
      await Promise.all(workers.map((worker) => worker.stop()));
      await redis?.stop();
      if (folder) await rm(folder, { recursive: true, force: true });
    });

    const queueArgs = (output: string, extra: string[] = []) => [
      "score",
      "--spec",
      join(folder, "spec.yaml"),
      "--input",
      input,
      "--output",
      output,
      "--queue",
      redis.url,
      "--chunk-size",
      String(chunkSize),
      ...extra,
    ];

    it("3 workers, one killed with SIGKILL mid-chunk: the output is byte-identical to a local score", async () => {
      const name = ["--queue-name", "kill-a-worker"];
      const started = [
        spawnWorker(redis.url, [...name, "--metrics-port", "0"]),
        spawnWorker(redis.url, name),
        spawnWorker(redis.url, name),
      ];
      workers.push(...started);
      const [first, second, victim] = started as [WorkerProcess, WorkerProcess, WorkerProcess];
      await Promise.all(started.map((worker) => worker.waitFor(/ready on queue/)));
      const output = join(folder, "distributed.jsonl");
      const producer = runCli(queueArgs(output, name));
      // Killed while its second chunk is being scored (each takes >= 400 ms).
      await victim.waitFor(/started/, { times: 2 });
      victim.child.kill("SIGKILL");
      const run = await producer;
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).toMatch(/scored 200 rows/);
      const written = await readFile(output, "utf8");
      expect(written).toBe(local);
      expect(parseJsonl(written).map((row) => row.id)).toEqual(parseJsonl(local).map((row) => row.id));

      // The chunk the victim held was scored again by a survivor.
      const held = chunksStarted(victim.stderr()).at(-1) ?? "";
      expect(victim.stderr()).not.toMatch(new RegExp(`chunk ${held} \\(input lines [^)]*\\) completed`));
      expect([...chunksStarted(first.stderr()), ...chunksStarted(second.stderr())]).toContain(held);
      expect(existsSync(`${output}.queue.json`)).toBe(false);

      // The first worker's metrics count the rows of the chunks it reported completed.
      const port = /metrics on http:\/\/127\.0\.0\.1:(\d+)\/metrics/.exec(first.stderr())?.[1];
      const metrics = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
      const completed = [...first.stderr().matchAll(/\(input lines (\d+)-(\d+)\) completed/g)];
      const rows = completed.reduce((sum, match) => sum + Number(match[2]) - Number(match[1]) + 1, 0);
      expect(completed.length).toBeGreaterThan(0);
      expect(metrics).toContain(`rewardkit_queue_chunks_total{outcome="completed"} ${completed.length}`);
      expect(metrics).toContain(`rewardkit_queue_rows_total ${rows}`);
      await Promise.all(started.map((worker) => worker.stop()));
    }, 90_000);

    it("a producer killed mid-run and resumed: complete, identical output, finished chunks not scored again", async () => {
      const name = ["--queue-name", "resume"];
      const started = [spawnWorker(redis.url, name), spawnWorker(redis.url, name)];
      workers.push(...started);
      await Promise.all(started.map((worker) => worker.waitFor(/ready on queue/)));
      const output = join(folder, "resumed.jsonl");
      const producer = spawn(process.execPath, [cliPath, ...queueArgs(output, name)], {
        cwd: repoRoot,
        stdio: "ignore",
      });
      const exited = new Promise((resolve) => producer.once("exit", resolve));
      for (;;) {
        const lines = existsSync(output) ? (await readFile(output, "utf8")).split("\n").length - 1 : 0;
        if (lines >= 3 * chunkSize) break;
        await new Promise((resolve) => setTimeout(resolve, 25));
      }
      producer.kill("SIGKILL");
      await exited;
      const before = (await readFile(output, "utf8")).split("\n").length - 1;
      expect(before).toBeLessThan(200);
      expect(existsSync(`${output}.queue.json`)).toBe(true);

      const resumed = await runCli(queueArgs(output, [...name, "--resume"]));
      expect(resumed.code, resumed.stderr).toBe(0);
      const written = await readFile(output, "utf8");
      expect(written).toBe(local);
      const ids = parseJsonl(written).map((row) => row.id);
      expect(new Set(ids).size).toBe(200);
      expect(existsSync(`${output}.queue.json`)).toBe(false);
      // The resumed producer sent the same chunks under the same job ids: chunks the workers had
      // finished (or were scoring) when the producer died were taken from Redis, so far fewer than
      // twice the 25 chunks were scored in all (only rows written but not flushed are scored again).
      const scored = started.flatMap((worker) => chunksStarted(worker.stderr()));
      expect(scored.length).toBeGreaterThanOrEqual(25);
      expect(scored.length).toBeLessThan(25 + 25 - before / chunkSize);
      await Promise.all(started.map((worker) => worker.stop()));
    }, 90_000);

    it("a poison chunk that kills its workers ends failed: its rows are listed and written with CHUNK_FAILED", async () => {
      const name = ["--queue-name", "poison", "--max-stalled", "1"];
      const started = [
        spawnWorker(redis.url, name),
        spawnWorker(redis.url, name),
        spawnWorker(redis.url, name),
      ];
      workers.push(...started);
      await Promise.all(started.map((worker) => worker.waitFor(/ready on queue/)));
      const rows = (await readFile(input, "utf8")).split("\n").slice(0, 40);
      const poisoned = rows.map((line, index) =>
        index === 11 ? line.replace('"prompt":"', '"prompt":"POISON ') : line,
      );
      const poisonInput = join(folder, "poison.jsonl");
      await writeFile(poisonInput, `${poisoned.join("\n")}\n`);
      const output = join(folder, "poison-out.jsonl");
      const args = queueArgs(output, ["--queue-name", "poison", "--max-error-fraction", "0.1"]);
      args[args.indexOf(input)] = poisonInput;
      const run = await runCli(args);
      // 8 of 40 rows errored > --max-error-fraction 0.1: exit 3, as local score.
      expect(run.code, run.stderr).toBe(3);
      expect(run.stderr).toMatch(/chunk of input lines 9-16 failed: .*stalled/);
      const out = parseJsonl(await readFile(output, "utf8"));
      expect(out).toHaveLength(40);
      const failed = out.filter(
        (row) => (row.error as { code?: string } | undefined)?.code === "CHUNK_FAILED",
      );
      expect(failed.map((row) => row.id)).toEqual(["r8", "r9", "r10", "r11", "r12", "r13", "r14", "r15"]);
      // Every other row is scored as a local run scores it.
      const expected = parseJsonl(local).slice(0, 40);
      for (const [index, row] of out.entries()) {
        if (index >= 8 && index < 16) continue;
        expect(row).toEqual(expected[index]);
      }
      // Two workers died on the chunk (once lost, then lost again: more than --max-stalled 1).
      const dead = started.filter((worker) => worker.child.signalCode === "SIGKILL");
      expect(dead).toHaveLength(2);
      await Promise.all(started.map((worker) => worker.stop()));
    }, 90_000);

    it("a Redis that does not answer: a clear error and exit 2, from the producer and the worker", async () => {
      const nobody = `redis://127.0.0.1:${await freePort()}`;
      const score = await runCli(
        queueArgs(join(folder, "none.jsonl")).map((arg) => (arg === redis.url ? nobody : arg)),
      );
      expect(score.code).toBe(2);
      expect(score.stderr).toContain(`--queue: cannot reach Redis at ${nobody}`);
      const worker = await runCli(["worker", "--queue", nobody]);
      expect(worker.code).toBe(2);
      expect(worker.stderr).toContain(`--queue: cannot reach Redis at ${nobody}`);
      const notRedis = await runCli(["worker", "--queue", "http://127.0.0.1:1"]);
      expect(notRedis.code).toBe(2);
      expect(notRedis.stderr).toContain("expected redis://HOST:PORT");
    }, 30_000);
  },
);
