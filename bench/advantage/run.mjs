#!/usr/bin/env node
// Advantage estimators: (1) in-process throughput of each estimator on 512-row batches (groups of
// 8), beside a bare JS loop and Python (verl's dict-and-loop GRPO, and numpy) computing GRPO on the
// same rewards; (2) `rewardkit advantages --estimator grpo` end to end on JSONL, beside a Python
// script doing the same read → GRPO → write. Usage: node bench/advantage/run.mjs [--rows 1000000] [--no-python]
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { createWriteStream, existsSync, mkdirSync } from "node:fs";
import { fileURLToPath } from "node:url";

const root = fileURLToPath(new URL("../../", import.meta.url));
const { builtinEstimators } = await import(new URL("dist/advantage/estimators.js", `file://${root}`).href);
const { mulberry32 } = await import(new URL("dist/core/random.js", `file://${root}`).href);
const { compileAdvantage } = await import(new URL("dist/core/index.js", `file://${root}`).href);

const args = process.argv.slice(2);
const rowsArg = args.indexOf("--rows");
const rows = rowsArg >= 0 ? Number(args[rowsArg + 1]) : 1_000_000;
const withPython = !args.includes("--no-python");
const work = "/tmp/rewardkit-bench-advantage";
mkdirSync(work, { recursive: true });
const groupSize = 8;
const batchSize = 512;

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

function timeEstimator(spec, input) {
  const estimator = compileAdvantage(spec, builtinEstimators);
  // The best of three full passes: the first ones include JIT warm-up.
  let seconds = Number.POSITIVE_INFINITY;
  for (let pass = 0; pass < 3; pass++) {
    const started = performance.now();
    for (const batch of input) estimator.compute(batch);
    seconds = Math.min(seconds, (performance.now() - started) / 1000);
  }
  return { seconds };
}

/** The floor: GRPO (verl conventions) as one tight loop over a typed array, groups of 8. */
function bareGrpo() {
  const values = Float64Array.from(rewards);
  const out = new Float64Array(rows);
  for (let pass = 0; pass < 2; pass++) grpoLoop(values, out);
  const started = performance.now();
  grpoLoop(values, out);
  return { seconds: (performance.now() - started) / 1000 };
}

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

const inProcess = [
  ["grpo", timeEstimator({ type: "grpo" }, plain), rows],
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
const bare = bareGrpo();

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

const cli = run(process.execPath, [
  "bin/rewardkit.js",
  "advantages",
  "--estimator",
  "grpo",
  "--input",
  input,
  "--output",
  `${work}/rk.jsonl`,
]);
let python;
if (withPython) {
  const end = run("python3", ["bench/baselines/advantage_baseline.py", input, `${work}/py.jsonl`]);
  python = { end: end.seconds, compute: JSON.parse(end.stdout.trim().split("\n").at(-1)) };
}

const fmt = (value) => Math.round(value).toLocaleString("en-US");
console.log(`\nIn process, ${batchSize}-row batches, groups of ${groupSize} (samples/s):\n`);
const pythonRate = python ? rows / python.compute["verl-style GRPO loop"] : undefined;
const ratio = (rate) => (pythonRate ? `${(rate / pythonRate).toFixed(2)}×` : "—");
console.log("| estimator | samples | samples/s | ÷ Python verl-style GRPO |");
console.log("|---|---:|---:|---:|");
for (const [name, time, count] of inProcess) {
  const rate = count / time.seconds;
  console.log(`| ${name} | ${fmt(count)} | ${fmt(rate)} | ${ratio(rate)} |`);
}
const bareRate = rows / bare.seconds;
console.log(
  `| bare JS GRPO loop, typed arrays, no grouping by key (the floor) | ${fmt(rows)} | ${fmt(bareRate)} | ${ratio(bareRate)} |`,
);
if (python) {
  for (const [name, seconds] of Object.entries(python.compute)) {
    console.log(`| Python: ${name} | ${fmt(rows)} | ${fmt(rows / seconds)} | ${ratio(rows / seconds)} |`);
  }
}
console.log(
  `\nEnd to end, JSONL in and out, ${fmt(rows)} rows (~${Math.round((280 * rows) / 1e6)} MB), GRPO:\n`,
);
console.log("| | rows/s | rewardkit ÷ this |");
console.log("|---|---:|---:|");
console.log(`| rewardkit advantages --estimator grpo | ${fmt(rows / cli.seconds)} | 1.00× |`);
if (python)
  console.log(
    `| Python: json + verl-style GRPO loop | ${fmt(rows / python.end)} | ${(python.end / cli.seconds).toFixed(2)}× |`,
  );
