#!/usr/bin/env node
// The cost of the reward-hacking diagnostics on `rewardkit serve` (GET /v1/diagnostics records
// every scored batch): the bench's spec with `diagnostics: {}` (on, default settings) beside the
// same spec without the section (off, the server's default: the baseline), under the same wrk loads as
// bench/server/run.mjs — OpenRLHF single rollouts (c=64) and /v1/score × 256 samples (c=8) with
// `run` and a step that advances every 8 requests. Alternating rounds; prints a markdown table.
// Needs `npm run build` and wrk. Usage: node bench/server/diagnostics.mjs [--seconds 8] [--rounds 3]
import { spawn, spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { luaScript, rollout, runWrk, stop } from "./wrk-load.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const seconds = Number(option("--seconds", "8"));
const rounds = Number(option("--rounds", "3"));
const work = "/tmp/rewardkit-bench-diagnostics";
mkdirSync(work, { recursive: true });
if (spawnSync("wrk", ["--version"]).error) {
  console.error("bench/server/diagnostics.mjs needs wrk: apt-get install wrk");
  process.exit(2);
}

const spec = readFileSync(`${root}bench/server/spec.yaml`, "utf8");
writeFileSync(`${work}/on.yaml`, `${spec}diagnostics: {}\n`);
writeFileSync(`${work}/off.yaml`, spec);

const singleBodies = Array.from({ length: 512 }, (_, index) => {
  const row = rollout(index);
  return {
    query: [`${row.prompt}${row.completion}<|im_end|>`],
    prompts: [row.prompt],
    labels: [row.reference],
  };
});
// 64 steps of 8 batches, groups of 8 samples of one prompt.
const batchBodies = Array.from({ length: 512 }, (_, batch) => ({
  run: "bench",
  step: Math.floor(batch / 8),
  samples: Array.from({ length: 256 }, (_, index) => {
    const row = rollout((batch % 8) * 256 + index);
    return {
      prompt: row.prompt,
      completion: row.completion,
      reference: row.reference,
      group: `g${batch}-${Math.floor(index / 8)}`,
    };
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

async function start(which) {
  const child = spawn(
    process.execPath,
    ["bin/rewardkit.js", "serve", "--spec", `${work}/${which}.yaml`, "--port", "0"],
    {
      cwd: root,
      stdio: ["ignore", "pipe", "inherit"],
    },
  );
  const url = await new Promise((resolve, reject) => {
    createInterface({ input: child.stdout }).on("line", (line) => {
      if (line.includes('"listening"')) resolve(JSON.parse(line).url);
    });
    child.once("exit", (code) => reject(new Error(`rewardkit serve exited ${code}`)));
  });
  return { child, url };
}

const results = { on: loads.map(() => []), off: loads.map(() => []) };
const loadAtStart = loadavg()[0];
let recorded = null;
for (let round = 0; round < rounds; round++) {
  for (const which of round % 2 === 0 ? ["off", "on"] : ["on", "off"]) {
    const server = await start(which);
    try {
      for (const [index, load] of loads.entries())
        results[which][index].push(runWrk(server.url, load, seconds));
      if (which === "on") {
        const report = await (await fetch(`${server.url}/v1/diagnostics?run=bench`)).json();
        recorded = { rows: report.rows, steps: report.steps };
      }
    } finally {
      await stop(server);
    }
  }
}
console.log(
  `Load average ${loadAtStart.toFixed(2)} → ${loadavg()[0].toFixed(2)}; ${rounds} alternating rounds of ${seconds} s; best round shown.`,
);
console.log(
  `Last 'on' round recorded ${recorded?.rows} samples over ${recorded?.steps} steps of run "bench".\n`,
);
console.log("| load | diagnostics off (baseline) | diagnostics on | on ÷ off |");
console.log("| --- | ---: | ---: | ---: |");
loads.forEach((load, index) => {
  const best = (list) => list.reduce((a, b) => (b.requestsPerSecond > a.requestsPerSecond ? b : a));
  const off = best(results.off[index]);
  const on = best(results.on[index]);
  const format = (run) =>
    `${Math.round(run.requestsPerSecond * load.samples).toLocaleString("en-US")} samples/s, p99 ${Number.isFinite(run.p99) ? `${run.p99.toFixed(0)} ms` : "?"}${run.failed ? `, ${run.failed} failed` : ""}`;
  console.log(
    `| ${load.name} | ${format(off)} | ${format(on)} | ${(on.requestsPerSecond / off.requestsPerSecond).toFixed(2)} |`,
  );
});
