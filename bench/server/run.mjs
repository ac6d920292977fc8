#!/usr/bin/env node
// The reward server under load, beside a minimal Python reference server computing the same reward
// (bench/baselines/server_reference.py, Flask or http.server), in the same invocation:
//   - OpenRLHF-shaped: POST /get_reward, one rollout per request, 64 connections;
//   - batched: POST /v1/score with 256 samples per request, 8 connections.
// Load comes from wrk (C, one thread, light on CPU: `apt-get install wrk`). Prints a markdown table.
// With --workers N, also `rewardkit serve --workers N` beside the reference under gunicorn with N
// processes (when `python3 -m gunicorn` works; PYTHONPATH may point at a pip --target folder).
// A bare node:http server computing the same reward (bench/baselines/server-bare.mjs) shows the
// ceiling for any Node server on the machine; with --fastify, the same reward on Fastify set up as
// rewardkit's app (bench/baselines/server-fastify.mjs) shows what the framework alone costs.
// The ÷ bare columns: best round over best round, and the median (range) of the ratios taken round by
// round, each rewardkit round against the bare server's in the same round (this VM's speed drifts by
// ±30% over minutes; a ratio within one round is steadier than either best).
// Usage: node bench/server/run.mjs [--seconds 10] [--rounds 1] [--no-python] [--no-bare] [--fastify] [--batch-wait-ms N] [--workers N]
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync } from "node:fs";
import { createConnection, createServer } from "node:net";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { luaScript, rollout, runWrk, stop } from "./wrk-load.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const seconds = Number(option("--seconds", "10"));
const withPython = !args.includes("--no-python");
const batchWaitMs = option("--batch-wait-ms", undefined);
const workers = Number(option("--workers", "1"));
const withBare = !args.includes("--no-bare");
const withFastify = args.includes("--fastify");
const rounds = Number(option("--rounds", "1"));
const work = "/tmp/rewardkit-bench-server";
mkdirSync(work, { recursive: true });

if (spawnSync("wrk", ["--version"]).error) {
  console.error("bench/server needs wrk (a light C load generator): apt-get install wrk");
  process.exit(2);
}

const singleBodies = Array.from({ length: 512 }, (_, index) => {
  const row = rollout(index);
  return {
    query: [`${row.prompt}${row.completion}<|im_end|>`],
    prompts: [row.prompt],
    labels: [row.reference],
  };
});
const batchBodies = Array.from({ length: 8 }, (_, batch) => ({
  samples: Array.from({ length: 256 }, (_, index) => {
    const row = rollout(batch * 256 + index);
    return { prompt: row.prompt, completion: row.completion, reference: row.reference };
  }),
}));
const loads = [
  {
    name: "OpenRLHF single rollout",
    path: "/get_reward",
    connections: 64,
    samples: 1,
    script: luaScript(work, "single", "/get_reward", singleBodies),
  },
  {
    name: "/v1/score × 256 samples",
    path: "/v1/score",
    connections: 8,
    samples: 256,
    script: luaScript(work, "batch", "/v1/score", batchBodies),
  },
];

function freePort() {
  return new Promise((resolve) => {
    const probe = createServer();
    probe.listen(0, "127.0.0.1", () => {
      const { port } = probe.address();
      probe.close(() => resolve(port));
    });
  });
}

async function waitForPort(port) {
  for (let attempt = 0; attempt < 200; attempt++) {
    const open = await new Promise((resolve) => {
      const socket = createConnection(port, "127.0.0.1");
      socket.once("connect", () => socket.end(() => resolve(true)));
      socket.once("error", () => resolve(false));
    });
    if (open) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error(`nothing listens on ${port}`);
}

async function startRewardkit(processes = 1) {
  const child = spawn(
    process.execPath,
    [
      "bin/rewardkit.js",
      "serve",
      "--spec",
      "bench/server/spec.yaml",
      "--port",
      "0",
      ...(batchWaitMs ? ["--batch-wait-ms", batchWaitMs] : []),
      ...(processes > 1 ? ["--workers", String(processes)] : []),
    ],
    { cwd: root, stdio: ["ignore", "pipe", "inherit"] },
  );
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.includes('"listening"')) resolve(JSON.parse(line).url);
    });
    child.once("exit", (code) => reject(new Error(`rewardkit serve exited ${code}`)));
  });
  return { name: processes > 1 ? `rewardkit (${processes} workers)` : "rewardkit", url, child, processes };
}

async function startPython() {
  const port = await freePort();
  const child = spawn("python3", ["bench/baselines/server_reference.py", String(port)], {
    cwd: root,
    stdio: ["ignore", "pipe", "ignore"],
  });
  const flavour = await new Promise((resolve) =>
    createInterface({ input: child.stdout }).once("line", resolve),
  );
  await waitForPort(port);
  return { name: `Python (${flavour})`, url: `http://127.0.0.1:${port}`, child, processes: 1 };
}

/** The ceiling: the same reward on a bare node:http server (1 or N processes). */
async function startBare(processes) {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    ["bench/baselines/server-bare.mjs", String(port), String(processes)],
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
    },
  );
  await waitForPort(port);
  // Every process of a cluster must be up before the load starts.
  await new Promise((resolve) => setTimeout(resolve, processes > 1 ? 1000 : 100));
  const name = processes > 1 ? `bare node:http (${processes} processes)` : "bare node:http";
  return { name, url: `http://127.0.0.1:${port}`, child, processes };
}

/** The bare server's reward on Fastify, configured as rewardkit's app: the framework's own cost. */
async function startFastify() {
  const port = await freePort();
  const child = spawn(process.execPath, ["bench/baselines/server-fastify.mjs", String(port)], {
    cwd: root,
    stdio: ["ignore", "ignore", "inherit"],
  });
  await waitForPort(port);
  return { name: "Fastify, no engine", url: `http://127.0.0.1:${port}`, child, processes: 1 };
}

/** The same Flask app under gunicorn with N processes (threads keep connections alive), if installed. */
async function startGunicorn(processes) {
  if (spawnSync("python3", ["-m", "gunicorn", "--version"]).status !== 0) {
    console.error(
      "gunicorn is not importable: no multi-process Python row (pip install --target DIR gunicorn; PYTHONPATH=DIR)",
    );
    return undefined;
  }
  const port = await freePort();
  const child = spawn(
    "python3",
    [
      "-m",
      "gunicorn",
      "-k",
      "gthread",
      "--threads",
      "8",
      "-w",
      String(processes),
      "-b",
      `127.0.0.1:${port}`,
      "--log-level",
      "warning",
      "server_reference:create_app()",
    ],
    { cwd: `${root}bench/baselines`, stdio: ["ignore", "ignore", "inherit"] },
  );
  await waitForPort(port);
  return {
    name: `Python (gunicorn, ${processes} processes)`,
    url: `http://127.0.0.1:${port}`,
    child,
    processes,
  };
}

async function postJson(url, body) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return response.json();
}

/** Both servers must compute the same rewards before their speed means anything. */
async function checkSameRewards(servers) {
  const [ours, theirs] = servers;
  if (!theirs) return;
  for (const body of singleBodies.slice(0, 30)) {
    const [a, b] = await Promise.all([
      postJson(`${ours.url}/get_reward`, body),
      postJson(`${theirs.url}/get_reward`, body),
    ]);
    if (JSON.stringify(a.rewards) !== JSON.stringify(b.rewards))
      throw new Error(`rewards differ: ${a.rewards} vs ${b.rewards}`);
  }
  const [a, b] = await Promise.all([
    postJson(`${ours.url}/v1/score`, batchBodies[0]),
    postJson(`${theirs.url}/v1/score`, batchBodies[0]),
  ]);
  const rewards = (reply) => reply.results.map((result) => result.reward.toFixed(6)).join();
  if (rewards(a) !== rewards(b)) throw new Error("batched rewards differ");
}

/** Each server runs alone: started, measured on both loads, stopped (idle servers would share the cores). */
const starters = [() => startRewardkit()];
if (workers > 1) starters.push(() => startRewardkit(workers));
if (withFastify) starters.push(() => startFastify());
if (withBare) {
  starters.push(() => startBare(1));
  if (workers > 1) starters.push(() => startBare(workers));
}
if (withPython) starters.push(() => startPython());
if (withPython && workers > 1) starters.push(() => startGunicorn(workers));

const loadAtStart = loadavg()[0];
// Every server must compute the same rewards as rewardkit before its speed means anything.
const reference = await startRewardkit();
try {
  for (const start of starters.slice(1)) {
    const server = await start();
    if (!server) continue;
    try {
      await checkSameRewards([reference, server]);
    } finally {
      await stop(server);
    }
  }
} finally {
  await stop(reference);
}

// Rounds interleave the servers; each row keeps its best round (the machine is shared and noisy).
const best = new Map();
/** requests/s by load and server, one entry per round (for the round-by-round ratios). */
const perRound = new Map();
for (let round = 0; round < rounds; round++) {
  for (const start of starters) {
    const server = await start();
    if (!server) continue;
    try {
      for (const load of loads) {
        runWrk(server.url, load, 2); // warm-up
        const measured = { load, server, ...runWrk(server.url, load, seconds) };
        const key = `${load.name}\u0000${server.name}`;
        if (!(best.get(key)?.requestsPerSecond >= measured.requestsPerSecond)) best.set(key, measured);
        if (!perRound.has(key)) perRound.set(key, []);
        perRound.get(key)[round] = measured.requestsPerSecond;
      }
    } finally {
      await stop(server);
    }
  }
}
const rows = loads.flatMap((load) => [...best.values()].filter((row) => row.load === load));
const fmt = (value, digits = 0) =>
  value.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
console.log(
  `wrk -t1, ${seconds}s per run after a 2s warm-up, best of ${rounds} round(s); rewardkit ${batchWaitMs ? `--batch-wait-ms ${batchWaitMs}` : "defaults"}; load average at start ${loadAtStart.toFixed(2)}, at end ${loadavg()[0].toFixed(2)}\n`,
);
console.log(
  "| load | server | requests/s | samples/s | p50 ms | p99 ms | failed | ÷ Python (1 process) | ÷ Python (same processes) | ÷ bare node:http (same processes) | ÷ bare, round by round: median (range) |",
);
console.log("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
const isPython = (server) => server.name.startsWith("Python");
const isBare = (server) => server.name.startsWith("bare");
/** The ceiling's share reached: this row's requests/s over the bare server's with as many processes. */
const ofBare = (row) => {
  const bare = rows.find(
    (other) =>
      other.load === row.load && isBare(other.server) && other.server.processes === row.server.processes,
  );
  return bare && !isBare(row.server) && !isPython(row.server)
    ? `${fmt(row.requestsPerSecond / bare.requestsPerSecond, 2)}`
    : "—";
};
/** This row's requests/s over the bare server's, round by round: median (min–max). */
const ofBareByRound = (row) => {
  const bare = rows.find(
    (other) =>
      other.load === row.load && isBare(other.server) && other.server.processes === row.server.processes,
  );
  if (!bare || isBare(row.server) || isPython(row.server)) return "—";
  const mine = perRound.get(`${row.load.name}\u0000${row.server.name}`) ?? [];
  const theirs = perRound.get(`${bare.load.name}\u0000${bare.server.name}`) ?? [];
  const ratios = mine
    .map((value, round) => value / theirs[round])
    .filter(Number.isFinite)
    .sort((a, b) => a - b);
  if (ratios.length === 0) return "—";
  const middle =
    ratios.length % 2
      ? ratios[(ratios.length - 1) / 2]
      : (ratios[ratios.length / 2 - 1] + ratios[ratios.length / 2]) / 2;
  return ratios.length === 1
    ? fmt(middle, 2)
    : `${fmt(middle, 2)} (${fmt(ratios[0], 2)}–${fmt(ratios.at(-1), 2)})`;
};
for (const row of rows) {
  const ratioTo = (match) => {
    const python = rows.find(
      (other) => other.load === row.load && isPython(other.server) && match(other.server),
    );
    return python && !isPython(row.server)
      ? `${fmt(row.requestsPerSecond / python.requestsPerSecond, 1)}×`
      : "—";
  };
  console.log(
    `| ${row.load.name} (c=${row.load.connections}) | ${row.server.name} | ${fmt(row.requestsPerSecond)} | ${fmt(row.requestsPerSecond * row.load.samples)} | ${fmt(row.p50, 2)} | ${fmt(row.p99, 2)} | ${row.failed} | ${ratioTo((server) => server.processes === 1)} | ${ratioTo((server) => server.processes === row.server.processes)} | ${ofBare(row)} | ${ofBareByRound(row)} |`,
  );
}
