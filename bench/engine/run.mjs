#!/usr/bin/env node
// Engine overhead: rows/s and peak memory of `rewardkit score` on a cheap spec (regex +
// exact_match + weighted), JSONL in and out, beside (a) the floor: read + parse + write with no
// scoring (bench/baselines/engine-floor.mjs), (b) an alternative implementation: the same reward
// hand-written as one Node loop over node:readline, and (c) the same reward as a Python loop. Every
// side is a whole process: start-up and imports are inside the timer on every side. Interleaved runs,
// best quoted with the spread; the rewards of rewardkit, the alternative and Python are checked equal
// row by row before any rate is printed; the load average is printed with the table.
// Usage: node bench/engine/run.mjs [--rows 1000000] [--runs 3] [--no-python]
import { spawnSync } from "node:child_process";
import { createReadStream, existsSync, mkdirSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { makeRows } from "./make-rows.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : undefined);
const sizes = option("--rows") ? [option("--rows")] : [200_000, 1_000_000];
const runs = option("--runs") ?? 3;
const withPython = !args.includes("--no-python");
const work = "/tmp/rewardkit-bench-engine";
mkdirSync(work, { recursive: true });
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" / ");
const loadAtStart = load();

/** Runs a command under /usr/bin/time for wall time and peak RSS. */
function measure(command, commandArgs) {
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%M", command, ...commandArgs], {
    cwd: root,
    encoding: "utf8",
  });
  const seconds = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  const peakKb = Number(run.stderr.trim().split("\n").at(-1));
  return { seconds, peakMb: peakKb / 1024 };
}

/** The `reward` of every line of a JSONL file, in order. */
async function rewardsOf(path) {
  const values = [];
  for await (const line of createInterface({ input: createReadStream(path) })) {
    if (line) values.push(JSON.parse(line).reward);
  }
  return values;
}

/** Throws unless two reward lists agree row by row (to 1e-12). */
function checkEqual(name, expected, actual) {
  if (expected.length !== actual.length)
    throw new Error(`${name}: ${actual.length} rows, rewardkit ${expected.length}`);
  for (let index = 0; index < expected.length; index++) {
    if (!(Math.abs(expected[index] - actual[index]) <= 1e-12)) {
      throw new Error(`${name}: row ${index + 1} reward ${actual[index]}, rewardkit ${expected[index]}`);
    }
  }
}

const sides = {
  rewardkit: (input) => [
    process.execPath,
    [
      "bin/rewardkit.js",
      "score",
      "--spec",
      "bench/engine/spec.yaml",
      "--input",
      input,
      "--output",
      `${work}/rk.jsonl`,
      "--no-progress",
    ],
  ],
  floor: (input) => [process.execPath, ["bench/baselines/engine-floor.mjs", input, `${work}/floor.jsonl`]],
  alternative: (input) => [
    process.execPath,
    ["bench/baselines/engine-alternative.mjs", input, `${work}/alternative.jsonl`],
  ],
  python: (input) => ["python3", ["bench/baselines/engine_baseline.py", input, `${work}/py.jsonl`]],
};
if (!withPython) delete sides.python;

const table = [];
for (const size of sizes) {
  const input = `${work}/rows-${size}.jsonl`;
  if (!existsSync(input)) await makeRows(input, size);
  const results = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
  for (let run = 0; run < runs; run++) {
    for (const [name, command] of Object.entries(sides)) results[name].push(measure(...command(input)));
  }
  const expected = await rewardsOf(`${work}/rk.jsonl`);
  checkEqual("alternative implementation", expected, await rewardsOf(`${work}/alternative.jsonl`));
  if (withPython) checkEqual("Python", expected, await rewardsOf(`${work}/py.jsonl`));
  const floorRows = (await rewardsOf(`${work}/floor.jsonl`)).length;
  if (floorRows !== expected.length)
    throw new Error(`floor wrote ${floorRows} rows, rewardkit ${expected.length}`);
  table.push({ size, results });
}

const fmt = (value) => Math.round(value).toLocaleString("en-US");
console.log(`Load average (1 / 5 / 15 min) at start: ${loadAtStart}; at the end: ${load()} (2 cores).`);
console.log(
  `Whole processes, start-up included on every side; best of ${runs} interleaved runs (spread: slowest–fastest); rewards of rewardkit, the alternative and Python checked equal row by row.\n`,
);
const names = Object.keys(sides);
const labels = {
  rewardkit: "rewardkit score",
  floor: "floor (read + parse + write, no scoring)",
  alternative: "alternative implementation (one Node loop)",
  python: "Python loop",
};
console.log("| rows | side | rows/s (best) | spread | peak MB | rewardkit ÷ this |");
console.log("|---:|---|---:|---:|---:|---:|");
for (const { size, results } of table) {
  const best = (name) => Math.min(...results[name].map((m) => m.seconds));
  for (const name of names) {
    const seconds = results[name].map((m) => m.seconds);
    const peak = Math.max(...results[name].map((m) => m.peakMb));
    console.log(
      `| ${fmt(size)} | ${labels[name]} | ${fmt(size / best(name))} | ${fmt(size / Math.max(...seconds))}–${fmt(size / Math.min(...seconds))} | ${peak.toFixed(0)} | ${(best(name) / best("rewardkit")).toFixed(2)}× |`,
    );
  }
}
