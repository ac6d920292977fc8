#!/usr/bin/env node
// Wall time of one lab sweep (an experiment over seeds) three ways: in one process, one run after
// another; on local worker threads (one per core); and as BullMQ jobs on a throwaway redis-server
// with N `rewardkit lab-worker` processes (one run at a time each). Checks the three give the same
// sweep.json and prints a markdown table with the machine's load (it is shared; times depend on it).
// Usage: npm run build && node bench/lab/sweep.mjs [EXPERIMENT (constrained)] [--seeds 1-20]
//   [--workers 2] [--quick] [--option name=v1,v2]...
import { spawn } from "node:child_process";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { availableParallelism, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parse as parseYaml } from "yaml";
import {
  parseSeeds,
  queueRunner,
  runInThreads,
  runSweep,
  sequentialRunner,
  splitValues,
} from "../../dist/lab/sweep/index.js";

const args = process.argv.slice(2);
let experiment = "constrained";
let seedText = "1-20";
let workers = 2;
let quick = false;
const axes = [];
for (let at = 0; at < args.length; at++) {
  const arg = args[at];
  if (arg === "--seeds") seedText = args[++at];
  else if (arg === "--workers") workers = Number(args[++at]);
  else if (arg === "--quick") quick = true;
  else if (arg === "--option") {
    const [name, ...rest] = args[++at].split("=");
    axes.push({ name, values: splitValues(rest.join("=")).map((text) => parseYaml(text)) });
  } else if (arg.startsWith("--")) throw new Error(`unknown flag ${arg}`);
  else experiment = arg;
}
const seeds = parseSeeds(seedText);
const cli = new URL("../../bin/rewardkit.js", import.meta.url).pathname;

/** CPU seconds (user + system) of a process so far, from /proc (Linux). */
async function processCpu(pid) {
  const fields = (await readFile(`/proc/${pid}/stat`, "utf8")).split(") ")[1].split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

async function timed(name, runner, pids = []) {
  const out = await mkdtemp(join(tmpdir(), "rewardkit-bench-sweep-"));
  const cpuBefore = await Promise.all([process.pid, ...pids].map(processCpu));
  const started = performance.now();
  const sweep = await runSweep({ experiment, seeds, axes, quick, out, runner });
  const seconds = (performance.now() - started) / 1000;
  const cpuAfter = await Promise.all([process.pid, ...pids].map(processCpu));
  const cpu = cpuAfter.reduce((total, value, index) => total + value - cpuBefore[index], 0);
  if (sweep.failed.length) throw new Error(`${name}: ${sweep.failed.length} runs failed`);
  const text = await readFile(join(out, "sweep.json"), "utf8");
  await rm(out, { recursive: true, force: true });
  return { name, seconds, cpu, text, load: loadavg()[0] };
}

async function startRedis() {
  const { createServer } = await import("node:net");
  const port = await new Promise((resolve) => {
    const probe = createServer().listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
  const child = spawn(
    "redis-server",
    ["--bind", "127.0.0.1", "--port", String(port), "--save", "", "--appendonly", "no"],
    {
      stdio: "ignore",
    },
  );
  await new Promise((resolve) => setTimeout(resolve, 300));
  return { url: `redis://127.0.0.1:${port}`, child };
}

function startWorker(url) {
  const child = spawn(process.execPath, [cli, "lab-worker", "--queue", url, "--concurrency", "1"], {
    stdio: ["ignore", "ignore", "pipe"],
  });
  return new Promise((resolve, reject) => {
    let text = "";
    child.stderr.setEncoding("utf8").on("data", (chunk) => {
      text += chunk;
      if (text.includes("lab-worker ready")) resolve(child);
    });
    child.on("exit", (code) => reject(new Error(`lab-worker exited ${code}: ${text}`)));
  });
}

const rows = [];
rows.push(await timed("sequential, one process", sequentialRunner));
rows.push(
  await timed(`worker threads (${availableParallelism()})`, (tasks, onReply) =>
    runInThreads(tasks, { onReply }),
  ),
);
const redis = await startRedis();
try {
  const children = await Promise.all(Array.from({ length: workers }, () => startWorker(redis.url)));
  try {
    const pids = children.map((child) => child.pid);
    rows.push(await timed(`BullMQ, ${workers} lab-worker processes`, queueRunner(redis.url), pids));
  } finally {
    const exits = children.map((child) => new Promise((resolve) => child.once("exit", resolve)));
    for (const child of children) child.kill("SIGTERM");
    await Promise.all(exits);
  }
} finally {
  redis.child.kill("SIGKILL");
}
const same = rows.every((row) => row.text === rows[0].text);
const runs =
  seeds.length *
  Math.max(
    1,
    axes.reduce((product, axis) => product * axis.values.length, 1),
  );
console.log(
  `\n## ${experiment}${quick ? " --quick" : ""}: ${runs} runs (seeds ${seedText}), node ${process.version}, ${availableParallelism()} cores; sweep.json identical across the three: ${same}\n`,
);
console.log(
  "| how | wall s | s per run | speed-up | CPU s (all processes of the sweep) | load average (1 min) at the end |",
);
console.log("| --- | ---: | ---: | ---: | ---: | ---: |");
for (const row of rows) {
  console.log(
    `| ${row.name} | ${row.seconds.toFixed(1)} | ${(row.seconds / runs).toFixed(2)} | ${(rows[0].seconds / row.seconds).toFixed(2)}× | ${row.cpu.toFixed(1)} | ${row.load.toFixed(1)} |`,
  );
}
if (!same) process.exitCode = 1;
