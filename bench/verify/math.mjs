#!/usr/bin/env node
// Throughput of the `math` verifier (pairs/s) on GSM8K and MATH-500 pairs and on long chains of
// thought (ProcessBench, padded MATH-500 solutions), beside Math-Verify on the same pairs, with the
// agreement between the two. Needs `npm run build` and the shared data.
// Usage: node bench/verify/math.mjs [--math-verify DIR] [--rounds 3] [--only long|short]
//   DIR (or $MATH_VERIFY_SITE) holds the math_verify and latex2sympy2_extended packages; without
//   it the Math-Verify columns are skipped.
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { verifyMath } from "../../dist/verify/math/verify-math.js";
import { pairSets } from "./math-pairs.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const index = args.indexOf(name);
  return index >= 0 ? args[index + 1] : fallback;
};
const mathVerifySite = option("--math-verify", process.env.MATH_VERIFY_SITE);
const rounds = Number(option("--rounds", "3"));
const dataDir = process.env.REWARDKIT_SHARED_DATA ?? `${root}../shared/data`;
const python = option("--python", "python3");
const only = option("--only", undefined);

function runRewardkit(pairs) {
  let verdicts = [];
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds + 1; round++) {
    const started = performance.now();
    verdicts = pairs.map((pair) => verifyMath({ completion: pair.pred, reference: pair.gold }).correct);
    const seconds = (performance.now() - started) / 1000;
    if (round > 0) best = Math.min(best, seconds); // round 0 warms the JIT
  }
  return { seconds: best, verdicts };
}

function runMathVerify(pairs, name) {
  if (!mathVerifySite || !existsSync(`${mathVerifySite}/math_verify`)) return undefined;
  const work = "/tmp/rewardkit-bench-verify";
  mkdirSync(work, { recursive: true });
  const file = `${work}/${name.replace(/\W+/g, "-")}.jsonl`;
  writeFileSync(
    file,
    `${pairs.map((pair) => JSON.stringify({ gold: pair.gold, pred: pair.pred })).join("\n")}\n`,
  );
  const run = spawnSync(
    python,
    [`${root}bench/verify/math_verify_runner.py`, mathVerifySite, file, String(rounds)],
    {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    },
  );
  if (run.status !== 0) throw new Error(`Math-Verify runner failed: ${run.stderr}`);
  return JSON.parse(run.stdout.trim().split("\n").at(-1));
}

const fmt = (value) => Math.round(value).toLocaleString("en-US");
const percent = (part, whole) => `${((100 * part) / whole).toFixed(1)}%`;
const agreeing = (a, b) => a.filter((value, index) => value === b[index]).length;

console.log(
  "| pairs | n | median KB | rewardkit pairs/s | Math-Verify pairs/s | speed-up | rewardkit vs labels | Math-Verify vs labels | rewardkit vs Math-Verify |",
);
console.log("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
for (const { name, kind, pairs } of pairSets(dataDir)) {
  if (only && kind !== only) continue;
  const sizes = pairs.map((pair) => pair.pred.length).sort((a, b) => a - b);
  const medianKb = (sizes[Math.floor(sizes.length / 2)] / 1024).toFixed(1);
  const labels = pairs.map((pair) => pair.label);
  const ours = runRewardkit(pairs);
  const theirs = runMathVerify(pairs, name);
  const oursRate = pairs.length / ours.seconds;
  const theirsRate = theirs ? pairs.length / theirs.seconds : undefined;
  console.log(
    `| ${name} | ${pairs.length} | ${medianKb} | ${fmt(oursRate)} | ${theirsRate ? fmt(theirsRate) : "skipped"} | ${
      theirsRate ? `${(oursRate / theirsRate).toFixed(1)}×` : "–"
    } | ${percent(agreeing(ours.verdicts, labels), pairs.length)} | ${
      theirs ? percent(agreeing(theirs.verdicts, labels), pairs.length) : "–"
    } | ${theirs ? percent(agreeing(ours.verdicts, theirs.verdicts), pairs.length) : "–"} |`,
  );
  if (theirs && process.env.BENCH_SHOW_DISAGREEMENTS) {
    pairs.forEach((pair, index) => {
      if (ours.verdicts[index] !== theirs.verdicts[index]) {
        console.error(
          `rewardkit=${ours.verdicts[index]} math-verify=${theirs.verdicts[index]} label=${pair.label}`,
        );
        console.error(`  gold: ${pair.gold.slice(-120)}\n  pred: ${pair.pred.slice(-160)}`);
        console.error(`  ${verifyMath({ completion: pair.pred, reference: pair.gold }).reason}`);
      }
    });
  }
}
