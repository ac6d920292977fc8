#!/usr/bin/env node
// Distributed scoring: rows/s of `rewardkit score --queue` with 1, 2 and 3 `rewardkit worker`s on
// this machine beside a local `rewardkit score` of the same input, for two specs: the engine
// benchmark's cheap CPU spec (regex + exact_match: what the queue costs) and a latency-bound spec
// (5 ms per sample, like a judge: what more workers buy). Then the queue's overhead per chunk over
// chunk sizes (cheap spec, 1 worker): the least-squares slope of time over the number of chunks
// (the fixed cost of one more chunk), and the plain (queued time - local time) / chunks.
// Timed: the producer (or local score) as a whole process, start-up included on both sides; workers
// are started (and warmed on one run) before the timer. Every output is checked byte-identical to
// the local one before any rate is printed; the load average is printed with the tables.
// Usage: node bench/queue/run.mjs [--rows 20000] [--runs 1]   (needs redis-server and npm run build)
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { makeRows } from "../engine/make-rows.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const rows = option("--rows", 20_000);
const runs = option("--runs", 1);
const work = "/tmp/rewardkit-bench-queue";
mkdirSync(work, { recursive: true });
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" / ");
const specs = { cheap: "bench/engine/spec.yaml", latency: "bench/queue/latency-spec.yaml" };
const input = `${work}/rows.jsonl`;

const freePort = () =>
  new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });

async function startRedis() {
  const port = await freePort();
  const child = spawn(
    "redis-server",
    ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  for (let attempt = 0; attempt < 100; attempt++) {
    if (spawnSync("redis-cli", ["-p", String(port), "ping"], { encoding: "utf8" }).stdout.trim() === "PONG")
      break;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  return { url: `redis://127.0.0.1:${port}`, stop: () => child.kill("SIGKILL") };
}

function startWorker(url, queueName) {
  const child = spawn(
    process.execPath,
    ["bin/rewardkit.js", "worker", "--queue", url, "--queue-name", queueName, "--quiet"],
    { cwd: root, stdio: ["ignore", "ignore", "pipe"] },
  );
  const ready = new Promise((resolve) => {
    let text = "";
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      text += chunk;
      if (text.includes("ready on queue")) resolve();
    });
  });
  return { ready, stop: () => new Promise((resolve) => child.once("exit", resolve).kill("SIGTERM")) };
}

/** Runs a whole `rewardkit score` process; returns seconds. */
function time(scoreArgs) {
  const started = performance.now();
  const run = spawnSync(process.execPath, ["bin/rewardkit.js", "score", "--no-progress", ...scoreArgs], {
    cwd: root,
    encoding: "utf8",
  });
  if (run.status !== 0) throw new Error(`score ${scoreArgs.join(" ")} failed: ${run.stderr}`);
  return (performance.now() - started) / 1000;
}

const best = (values) => Math.min(...values);
const spread = (values) => `${Math.min(...values).toFixed(2)}–${Math.max(...values).toFixed(2)} s`;

function local(spec) {
  const output = `${work}/local-${spec}.jsonl`;
  const seconds = [];
  for (let run = 0; run < runs; run++)
    seconds.push(time(["--spec", specs[spec], "--input", input, "--output", output]));
  return { seconds, text: readFileSync(output, "utf8") };
}

function queued(spec, url, queueName, chunkSize, expected) {
  const output = `${work}/queued-${spec}.jsonl`;
  const base = ["--spec", specs[spec], "--input", input, "--output", output, "--queue", url];
  const flags = [...base, "--queue-name", queueName, "--chunk-size", String(chunkSize)];
  const seconds = [];
  for (let run = 0; run < runs; run++) seconds.push(time(flags));
  if (readFileSync(output, "utf8") !== expected) throw new Error(`${spec}: queued output differs from local`);
  return seconds;
}

await makeRows(input, rows);
const redis = await startRedis();
console.log(
  `# distributed score, ${rows} rows (groups of 8), ${runs} run(s) per cell; load at start ${load()}`,
);
const reference = { cheap: local("cheap"), latency: local("latency") };
const workers = [];
try {
  console.log(
    "\n| spec | side | chunk size | best s | rows/s | × local | spread |\n|---|---|---|---|---|---|---|",
  );
  for (const spec of ["cheap", "latency"]) {
    const localBest = best(reference[spec].seconds);
    console.log(
      `| ${spec} | local score | — | ${localBest.toFixed(2)} | ${Math.round(rows / localBest)} | 1.00 | ${spread(reference[spec].seconds)} |`,
    );
  }
  for (let count = 1; count <= 3; count++) {
    const name = `bench-${count}`;
    workers.push(...Array.from({ length: count }, () => startWorker(redis.url, name)));
    await Promise.all(workers.slice(-count).map((worker) => worker.ready));
    // Warm-up: each worker compiles the spec once (cached by its hash) before the timed runs.
    for (const spec of ["cheap", "latency"]) queued(spec, redis.url, name, 256, reference[spec].text);
    for (const spec of ["cheap", "latency"]) {
      const seconds = queued(spec, redis.url, name, 256, reference[spec].text);
      const localBest = best(reference[spec].seconds);
      console.log(
        `| ${spec} | ${count} worker${count > 1 ? "s" : ""} | 256 | ${best(seconds).toFixed(2)} | ${Math.round(rows / best(seconds))} | ${(localBest / best(seconds)).toFixed(2)} | ${spread(seconds)} |`,
      );
    }
    await Promise.all(workers.splice(0).map((worker) => worker.stop()));
  }
  console.log(`\nload after the worker table ${load()}`);
  console.log(
    "\n| chunk size | chunks | best s | rows/s | (queued - local) / chunks (ms) |\n|---|---|---|---|---|",
  );
  const one = startWorker(redis.url, "bench-chunks");
  workers.push(one);
  await one.ready;
  queued("cheap", redis.url, "bench-chunks", 256, reference.cheap.text);
  const localBest = best(reference.cheap.seconds);
  const sweep = [];
  for (const size of [16, 64, 256, 1024, 4096]) {
    const seconds = best(queued("cheap", redis.url, "bench-chunks", size, reference.cheap.text));
    const chunks = Math.ceil(rows / size);
    sweep.push({ chunks, seconds });
    const overhead = ((seconds - localBest) / chunks) * 1000;
    console.log(
      `| ${size} | ${chunks} | ${seconds.toFixed(2)} | ${Math.round(rows / seconds)} | ${overhead.toFixed(2)} |`,
    );
  }
  const meanChunks = sweep.reduce((sum, point) => sum + point.chunks, 0) / sweep.length;
  const meanSeconds = sweep.reduce((sum, point) => sum + point.seconds, 0) / sweep.length;
  const slope =
    sweep.reduce((sum, point) => sum + (point.chunks - meanChunks) * (point.seconds - meanSeconds), 0) /
    sweep.reduce((sum, point) => sum + (point.chunks - meanChunks) ** 2, 0);
  console.log(`\nfixed cost per chunk (slope of time over chunks): ${(slope * 1000).toFixed(2)} ms`);
  console.log(`\nload at the end ${load()}`);
} finally {
  await Promise.all(workers.map((worker) => worker.stop()));
  redis.stop();
}
