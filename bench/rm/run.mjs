#!/usr/bin/env node
// bench/rm: a hashed linear Bradley-Terry reward model on HH-RLHF, trained by rewardkit and by
// PyTorch (Debian's python3-torch) on the same split, side by side: with the pure-Python featurizer
// that hashes bit for bit as rewardkit does (bench/baselines/rm_torch.py), and with scikit-learn's
// vectorized HashingVectorizer (Debian's python3-sklearn, bench/baselines/rm_sklearn.py), the fair
// speed baseline. Held-out accuracy, featurize and training time, peak memory, scoring rate; each
// cell is the median of the runs with the spread (min–max) beside it.
// Usage: npm run build && node bench/rm/run.mjs [--repeats 3] [--python /usr/bin/python3]
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { preparePairs } from "./prepare.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const repeats = Number(option("--repeats", "3"));
const python = option("--python", "/usr/bin/python3");
const data = process.env.REWARDKIT_SHARED_DATA ?? `${root}../shared/data`;
const config = { bits: 18, epochs: 10, batchSize: 32, learningRate: 0.03, patience: 2 };

const datasets = [
  { name: "harmless-base", files: [`${data}/hh-rlhf/harmless-base/pairs.jsonl`] },
  {
    name: "all HH test splits",
    files: [
      "harmless-base/pairs.jsonl",
      "helpful-base/test.jsonl.gz",
      "helpful-online/test.jsonl.gz",
      "helpful-rejection-sampled/test.jsonl.gz",
    ].map((file) => `${data}/hh-rlhf/${file}`),
  },
];

function measure(command, commandArgs) {
  const started = performance.now();
  const run = spawnSync("/usr/bin/time", ["-f", "%M", command, ...commandArgs], {
    cwd: root,
    encoding: "utf8",
  });
  const wall = (performance.now() - started) / 1000;
  if (run.status !== 0) throw new Error(`${command} failed: ${run.stderr}`);
  const lines = run.stderr.trim().split("\n");
  return { ...JSON.parse(run.stdout.trim().split("\n").at(-1)), wall, peakMb: Number(lines.at(-1)) / 1024 };
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const torchAvailable = spawnSync(python, ["-c", "import torch"], { encoding: "utf8" }).status === 0;
if (!torchAvailable)
  console.error(
    `note: ${python} cannot import torch (apt-get install -y python3-torch); PyTorch columns are empty`,
  );
const sklearnAvailable =
  torchAvailable && spawnSync(python, ["-c", "import sklearn"], { encoding: "utf8" }).status === 0;
if (torchAvailable && !sklearnAvailable)
  console.error(
    `note: ${python} cannot import sklearn (apt-get install -y python3-sklearn); no HashingVectorizer rows`,
  );
const loadAtStart = loadavg();

const rows = [];
for (const dataset of datasets) {
  if (!dataset.files.every(existsSync)) {
    console.error(`skipping ${dataset.name}: data not found under ${data}`);
    continue;
  }
  const folder = `/tmp/rewardkit-bench-rm/${dataset.name.replace(/\W+/g, "-")}`;
  const sizes = await preparePairs(dataset.files, folder);
  const runs = { rk: [], torch: [], sklearn: [] };
  for (let repeat = 0; repeat < repeats; repeat++) {
    runs.rk.push(measure(process.execPath, ["bench/rm/train-js.mjs", folder, JSON.stringify(config)]));
    if (torchAvailable)
      runs.torch.push(measure(python, ["bench/baselines/rm_torch.py", folder, JSON.stringify(config)]));
    if (sklearnAvailable)
      runs.sklearn.push(measure(python, ["bench/baselines/rm_sklearn.py", folder, JSON.stringify(config)]));
  }
  // The bit-for-bit featurizer must give the same model: the same accuracy on the same test pairs.
  for (const run of runs.torch) {
    if (Math.abs(run.testAccuracy - runs.rk[0].testAccuracy) > 1e-6 /* torch averages in float32 */)
      throw new Error(
        `${dataset.name}: PyTorch's accuracy ${run.testAccuracy} differs from rewardkit's ${runs.rk[0].testAccuracy}`,
      );
  }
  rows.push({ dataset, sizes, runs });
}

const pick = (list, key) => (list.length ? median(list.map((run) => run[key])) : undefined);
const spreadOf = (list, key) => {
  const values = list.map((run) => run[key]);
  return [Math.min(...values), Math.max(...values)];
};
const fixed = (value, digits = 3) => (value === undefined ? "—" : value.toFixed(digits));
const withSpread = (list, key, digits = 3) => {
  const [low, high] = spreadOf(list, key);
  return `${fixed(pick(list, key), digits)} (${fixed(low, digits)}–${fixed(high, digits)})`;
};
const rate = (list) => {
  const [low, high] = spreadOf(list, "scoredPerSecond");
  const format = (value) => Math.round(value).toLocaleString("en-US");
  return `${format(pick(list, "scoredPerSecond"))} (${format(low)}–${format(high)})`;
};
const ratio = (a, b) => (a === undefined || b === undefined ? "—" : `${(a / b).toFixed(1)}×`);
const sides = [
  ["rewardkit", "rk"],
  ["PyTorch, pure-Python featurizer (bit for bit)", "torch"],
  ["PyTorch + scikit-learn HashingVectorizer", "sklearn"],
];
const load = (values) => values.map((value) => value.toFixed(1)).join(" / ");
console.log(
  `\nConfig: ${JSON.stringify(config)}; medians of ${repeats} runs (min–max); torch threads: ${rows[0]?.runs.torch[0]?.threads ?? "—"}; load average (1/5/15 min) ${load(loadAtStart)} at start, ${load(loadavg())} at end\n`,
);
console.log(
  "| data (train/valid/test pairs) | side | test accuracy | epochs (best) | featurize s | train s | peak MB | scored responses/s |",
);
console.log("|---|---|---:|---:|---:|---:|---:|---:|");
for (const { dataset, sizes, runs } of rows) {
  const label = `${dataset.name} (${sizes.train}/${sizes.valid}/${sizes.test})`;
  for (const [side, key] of sides) {
    const list = runs[key];
    if (list.length === 0) continue;
    console.log(
      `| ${label} | ${side} | ${(100 * pick(list, "testAccuracy")).toFixed(2)}% | ${pick(list, "epochs")} (${pick(list, "bestEpoch")}) | ${withSpread(list, "featurizeSeconds")} | ${withSpread(list, "trainSeconds")} | ${fixed(pick(list, "peakMb"), 0)} | ${rate(list)} |`,
    );
  }
  for (const [side, key] of sides.slice(1)) {
    const list = runs[key];
    if (list.length === 0) continue;
    console.log(
      `| ${label} | rewardkit ÷ ${side} | ${(100 * (pick(runs.rk, "testAccuracy") - pick(list, "testAccuracy"))).toFixed(2)} pts | | ${ratio(pick(list, "featurizeSeconds"), pick(runs.rk, "featurizeSeconds"))} faster | ${ratio(pick(list, "trainSeconds"), pick(runs.rk, "trainSeconds"))} faster | | ${ratio(pick(runs.rk, "scoredPerSecond"), pick(list, "scoredPerSecond"))} |`,
    );
  }
}
