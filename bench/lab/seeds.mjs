#!/usr/bin/env node
// On how many seeds each lab claim holds at the default settings (issue 27: "report over how many of
// 10 seeds each claim holds"). Runs every experiment (or those named) on seeds 1..N and prints, per
// experiment, a markdown table: claim, holds on k of N, the seeds where it fails; plus wall time per
// run. The load average is printed too: the machine is shared, and wall time depends on it.
// Usage: npm run build && node bench/lab/seeds.mjs [--seeds 10] [--experiment overoptimization]...
//   [--first 1]  the first seed (to split the seeds over processes)
//   [--out DIR]  also writes each run's results.json and report.html to DIR/EXPERIMENT-seedN
import { loadavg } from "node:os";
import { experiments, runLab } from "../../dist/lab/index.js";

const args = process.argv.slice(2);
const valuesOf = (name) => args.flatMap((arg, at) => (arg === `--${name}` ? [args[at + 1]] : []));
const seedCount = Number(valuesOf("seeds")[0] ?? 10);
const names = valuesOf("experiment").length > 0 ? valuesOf("experiment") : Object.keys(experiments);
const out = valuesOf("out")[0];
const first = Number(valuesOf("first")[0] ?? 1);
const seeds = Array.from({ length: seedCount }, (_, index) => first + index);

console.log(
  `Lab claims at default settings over seeds ${first}–${first + seedCount - 1} (node ${process.version})`,
);
for (const name of names) {
  const counts = [];
  const seconds = [];
  for (const seed of seeds) {
    const started = performance.now();
    const results = await runLab({
      experiment: name,
      seed,
      ...(out ? { out: `${out}/${name}-seed${seed}` } : {}),
    });
    seconds.push((performance.now() - started) / 1000);
    results.claims.forEach((claim, index) => {
      counts[index] ??= { claim: claim.claim, holds: 0, fails: [] };
      if (claim.holds) counts[index].holds++;
      else counts[index].fails.push(seed);
    });
  }
  const sorted = [...seconds].sort((a, b) => a - b);
  console.log("");
  console.log(
    `## ${name}: ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} s median per run (min ${sorted[0].toFixed(1)}, max ${sorted.at(-1).toFixed(1)}), load average ${loadavg()[0].toFixed(1)} at the end`,
  );
  console.log("");
  console.log(`| claim | holds on k of ${seedCount} | fails on seeds |`);
  console.log("| --- | ---: | --- |");
  for (const entry of counts) {
    console.log(`| ${entry.claim} | ${entry.holds} | ${entry.fails.join(", ") || "—"} |`);
  }
}
