#!/usr/bin/env node
// Advantage estimators, both sides timed the same way (issue 25): (1) in process, each estimator over
// the same batches (`--batch 512` rows, or `--batch 0` for the whole input in one call) beside a bare
// JS loop and Python (verl's dict-and-loop GRPO, and numpy) computing GRPO on the same rewards; every
// side gets the same three full passes and is quoted by its best, with the spread; imports (numpy
// included) and reading the rows are outside the timer on both sides. GRPO's advantages from the three
// sides are checked equal first. (2) `rewardkit advantages --estimator grpo` end to end on JSONL beside
// a Python script doing read → verl-style GRPO → write and nothing else; process start-up and imports
// are inside the timer on both sides; outputs checked equal; three interleaved runs each, best quoted.
// Usage: node bench/advantage/run.mjs [--rows 1000000] [--batch 512] [--no-python] [--no-end-to-end]
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createReadStream, createWriteStream, existsSync, mkdirSync, readFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { builtinEstimators } = await import(new URL("dist/advantage/estimators.js", `file://${root}`).href);
const { mulberry32 } = await import(new URL("dist/core/random.js", `file://${root}`).href);
const { compileAdvantage } = await import(new URL("dist/core/index.js", `file://${root}`).href);

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? Number(args[args.indexOf(name) + 1]) : fallback);
const rows = option("--rows", 1_000_000);
const batchSize = option("--batch", 512) || rows;
const withPython = !args.includes("--no-python");
const withEndToEnd = !args.includes("--no-end-to-end");
const passes = 3;
const work = "/tmp/rewardkit-bench-advantage";
mkdirSync(work, { recursive: true });
const groupSize = 8;
const load = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(" / ");
const loadAtStart = load();

// The same seeded generator as the library (core's mulberry32), so both sides see the same rewards.
const next = mulberry32(1);
const rewards = Array.from({ length: rows }, () => (next() < 0.4 ? 1 : 0));

// ---------------------------------------------------------------- in-process
function batches(makeSample) {
  const out = [];
  for (let start = 0; start < rows; start += batchSize) {
    const end = Math.min(rows, start + batchSize);
    const samples = [];
    for (let index = start; index < end; index++) samples.push(makeSample(index));
    out.push({ rewards: rewards.slice(start, end), samples, components: samples.map(() => undefined) });
  }
  return out;
}

/** Three full passes over the same batches (the first includes JIT warm-up, as Python's first includes its caches). */
function timePasses(computeAll) {
  const times = [];
  let result;
  for (let pass = 0; pass < passes; pass++) {
    const started = performance.now();
    result = computeAll();
    times.push((performance.now() - started) / 1000);
  }
  return { times, best: Math.min(...times), result };
}

function timeEstimator(spec, input) {
  const estimator = compileAdvantage(spec, builtinEstimators);
  return timePasses(() => input.map((batch) => estimator.compute(batch).advantages));
}

/** The floor: GRPO (verl conventions) as one tight loop over a typed array, groups of 8 (aligned with every batch). */
function grpoLoop(values, out) {
  for (let start = 0; start < rows; start += groupSize) {
    const end = Math.min(rows, start + groupSize);
    const n = end - start;
    let sum = 0;
    for (let index = start; index < end; index++) sum += values[index];
    const mean = n === 1 ? 0 : sum / n;
    let squares = 0;
    for (let index = start; index < end; index++) squares += (values[index] - mean) ** 2;
    const std = n === 1 ? 1 : Math.sqrt(squares / (n - 1));
    for (let index = start; index < end; index++) out[index] = (values[index] - mean) / (std + 1e-6);
  }
  return out;
}

const plain = batches((index) => ({
  prompt: "",
  completion: "",
  group: `q${Math.floor(index / groupSize)}`,
}));
const withLogprobs = batches((index) => ({
  prompt: "",
  completion: "",
  group: `q${Math.floor(index / groupSize)}`,
  meta: { logprobs: -next() },
}));
const trajectoryRows = Math.min(rows, 200_000);
const trajectories = batches((index) => ({
  prompt: "",
  completion: "",
  group: `q${Math.floor(index / groupSize)}`,
  steps: Array.from({ length: 5 }, (_, step) => ({
    state: `room ${Math.floor(next() * 3)} step ${step}`,
    action: ["north", "south", "take key", "open door"][Math.floor(next() * 4)],
  })),
})).slice(0, Math.ceil(trajectoryRows / batchSize));

const grpo = timeEstimator({ type: "grpo" }, plain);
const inProcess = [
  ["grpo", grpo, rows],
  ["grpo (trl, scale batch)", timeEstimator({ type: "grpo", preset: "trl", scale: "batch" }, plain), rows],
  ["dr_grpo", timeEstimator({ type: "dr_grpo" }, plain), rows],
  ["rloo", timeEstimator({ type: "rloo" }, plain), rows],
  ["reinforce_pp", timeEstimator({ type: "reinforce_pp" }, plain), rows],
  ["grpo + zero_std filter", timeEstimator({ type: "grpo", filter: { type: "zero_std" } }, plain), rows],
  ["unlikeliness", timeEstimator({ type: "unlikeliness" }, withLogprobs), rows],
  ["gigpo (5 steps each)", timeEstimator({ type: "gigpo" }, trajectories), trajectories.length * batchSize],
  [
    "spa, fitted progress (5 steps each)",
    timeEstimator({ type: "spa" }, trajectories),
    trajectories.length * batchSize,
  ],
];
const typedRewards = Float64Array.from(rewards);
const bare = timePasses(() => grpoLoop(typedRewards, new Float64Array(rows)));
const grpoAdvantages = Float64Array.from(grpo.result.flat());

/** Largest absolute difference between two advantage arrays; throws when they differ in length or by more than 1e-9. */
function checkEqual(name, expected, actual) {
  if (expected.length !== actual.length)
    throw new Error(`${name}: ${actual.length} advantages, expected ${expected.length}`);
  let worst = 0;
  for (let index = 0; index < expected.length; index++)
    worst = Math.max(worst, Math.abs(expected[index] - actual[index]));
  if (!(worst <= 1e-9)) throw new Error(`${name}: advantages differ from rewardkit's GRPO by up to ${worst}`);
  return worst;
}
const checks = [["bare JS loop", checkEqual("bare JS loop", grpoAdvantages, bare.result)]];

// ---------------------------------------------------------------- Python and end to end
const input = `${work}/rows-${rows}.jsonl`;
if (!existsSync(input)) {
  const stream = createWriteStream(input);
  const text = "Let me think step by step. ".repeat(6);
  for (let index = 0; index < rows; index++) {
    const line = `${JSON.stringify({ id: index, group: `q${Math.floor(index / groupSize)}`, completion: text, reward: rewards[index] })}\n`;
    if (!stream.write(line)) await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
}

function run(command, commandArgs) {
  const started = performance.now();
  const result = spawnSync(command, commandArgs, { cwd: root, encoding: "utf8", maxBuffer: 1 << 26 });
  if (result.status !== 0) throw new Error(`${command} failed: ${result.stderr}`);
  return { seconds: (performance.now() - started) / 1000, stdout: result.stdout };
}

const readFloats = (path) => {
  const bytes = readFileSync(path);
  return new Float64Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 8);
};
let pythonInProcess;
if (withPython) {
  const prefix = `${work}/py-${rows}-${batchSize}`;
  const out = run("python3", [
    "bench/baselines/advantage_inprocess.py",
    input,
    prefix,
    String(batchSize === rows ? 0 : batchSize),
    String(passes),
  ]);
  pythonInProcess = JSON.parse(out.stdout.trim().split("\n").at(-1));
  checks.push([
    "Python verl-style loop",
    checkEqual("Python verl-style loop", grpoAdvantages, readFloats(`${prefix}-verl.f64`)),
  ]);
  checks.push([
    "Python numpy",
    checkEqual("Python numpy", grpoAdvantages, readFloats(`${prefix}-numpy.f64`)),
  ]);
}

/** The `advantage` field of every line of a JSONL file, in order. */
async function advantagesOf(path) {
  const values = [];
  for await (const line of createInterface({
    input: createReadStream(path),
    crlfDelay: Number.POSITIVE_INFINITY,
  })) {
    if (line) values.push(JSON.parse(line).advantage);
  }
  return Float64Array.from(values);
}

const cliArgs = [
  "bin/rewardkit.js",
  "advantages",
  "--estimator",
  "grpo",
  "--input",
  input,
  "--output",
  `${work}/rk.jsonl`,
];
const endToEnd = { rewardkit: [], python: [] };
for (let round = 0; withEndToEnd && round < passes; round++) {
  endToEnd.rewardkit.push(run(process.execPath, cliArgs).seconds);
  if (withPython)
    endToEnd.python.push(
      run("python3", ["bench/baselines/advantage_baseline.py", input, `${work}/py.jsonl`]).seconds,
    );
}
if (withEndToEnd) {
  const cliAdvantages = await advantagesOf(`${work}/rk.jsonl`);
  checks.push([
    "rewardkit advantages (CLI output)",
    checkEqual("rewardkit advantages (CLI output)", grpoAdvantages, cliAdvantages),
  ]);
  if (withPython)
    checks.push([
      "Python end to end (output)",
      checkEqual("Python end to end (output)", cliAdvantages, await advantagesOf(`${work}/py.jsonl`)),
    ]);
}

// ---------------------------------------------------------------- report
const fmt = (value) => Math.round(value).toLocaleString("en-US");
const spread = (count, times) => `${fmt(count / Math.max(...times))}–${fmt(count / Math.min(...times))}`;
console.log(
  `\nLoad average (1 / 5 / 15 min) at start: ${loadAtStart}; before the report: ${load()} (2 cores).`,
);
console.log(
  `Outputs checked equal to rewardkit's GRPO (max |difference|): ${checks.map(([name, worst]) => `${name} ${worst.toExponential(1)}`).join("; ")}.`,
);
const batchLabel = batchSize === rows ? "the whole input in one call" : `${batchSize}-row batches`;
console.log(
  `\nIn process, ${batchLabel} on every side, groups of ${groupSize}, best of ${passes} passes (imports and reading outside the timer):\n`,
);
const pythonTimes = pythonInProcess?.["verl-style GRPO loop"];
const pythonRate = pythonTimes ? rows / Math.min(...pythonTimes) : undefined;
const ratio = (rate) => (pythonRate ? `${(rate / pythonRate).toFixed(2)}×` : "—");
console.log("| estimator | samples | samples/s (best) | spread over passes | ÷ Python verl-style GRPO |");
console.log("|---|---:|---:|---:|---:|");
const row = (name, count, times) => {
  const rate = count / Math.min(...times);
  console.log(`| ${name} | ${fmt(count)} | ${fmt(rate)} | ${spread(count, times)} | ${ratio(rate)} |`);
};
for (const [name, time, count] of inProcess) row(name, count, time.times);
row("bare JS GRPO loop, typed arrays, no grouping by key (the floor)", rows, bare.times);
if (pythonInProcess)
  for (const [name, times] of Object.entries(pythonInProcess)) row(`Python: ${name}`, rows, times);

if (withEndToEnd) {
  console.log(
    `\nEnd to end, JSONL in and out, ${fmt(rows)} rows (~${Math.round((280 * rows) / 1e6)} MB), GRPO, process start-up and imports inside the timer, best of ${passes} interleaved runs:\n`,
  );
  console.log("| | rows/s (best) | spread over runs | rewardkit ÷ this (best ÷ best) |");
  console.log("|---|---:|---:|---:|");
  const cliBest = Math.min(...endToEnd.rewardkit);
  console.log(
    `| rewardkit advantages --estimator grpo | ${fmt(rows / cliBest)} | ${spread(rows, endToEnd.rewardkit)} | 1.00× |`,
  );
  if (withPython) {
    const pythonBest = Math.min(...endToEnd.python);
    console.log(
      `| Python: json + verl-style GRPO loop | ${fmt(rows / pythonBest)} | ${spread(rows, endToEnd.python)} | ${(pythonBest / cliBest).toFixed(2)}× |`,
    );
  }
}
