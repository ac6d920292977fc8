#!/usr/bin/env node
// On how many seeds each lab claim holds at the default settings (plus any --option), with the wall
// time of each run and the machine's load (it is shared; wall time depends on it). Prints a markdown
// table per experiment: claim, holds on k of n, the seeds where it fails — what docs/lab.md records.
// Usage: npm run build && node bench/lab/seeds.mjs [EXPERIMENT...] [--experiment NAME]...
//   [--seeds 10 | --seeds 1-5]  a count of seeds from --first, or a range (default 10)
//   [--first 1]                 the first seed of a count (to split the seeds over processes)
//   [--option name=json]...     an experiment option on top of the defaults
//   [--out DIR]                 also write each run's results.json and report.html to DIR/EXPERIMENT-seedN
// With no experiment named, every registered experiment runs.
import { loadavg } from "node:os";
import { experiments, runLab } from "../../dist/lab/index.js";

const args = process.argv.slice(2);
const names = [];
const options = {};
let seedText = "10";
let first = 1;
let out;
for (let at = 0; at < args.length; at++) {
  const arg = args[at];
  if (arg === "--seeds") seedText = args[++at];
  else if (arg === "--first") first = Number(args[++at]);
  else if (arg === "--out") out = args[++at];
  else if (arg === "--experiment") names.push(args[++at]);
  else if (arg === "--option") {
    const [key, ...rest] = args[++at].split("=");
    const text = rest.join("=");
    try {
      options[key] = JSON.parse(text);
    } catch {
      options[key] = text;
    }
  } else if (arg.startsWith("--")) throw new Error(`unknown flag ${arg}`);
  else names.push(arg);
}
for (const name of names) {
  if (!experiments[name]) throw new Error(`unknown lab experiment "${name}"`);
}
const [from, to] = seedText.includes("-")
  ? seedText.split("-").map(Number)
  : [first, first + Number(seedText) - 1];
const seeds = Array.from({ length: to - from + 1 }, (_, index) => from + index);

for (const name of names.length > 0 ? names : Object.keys(experiments)) {
  const counts = [];
  const seconds = [];
  for (const seed of seeds) {
    const started = performance.now();
    const results = await runLab({
      experiment: name,
      seed,
      options,
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
  const extra = Object.keys(options).length ? ` with ${JSON.stringify(options)}` : "";
  console.log(
    `\n## ${name}${extra}: seeds ${seeds[0]}–${seeds.at(-1)}, ${sorted[Math.floor(sorted.length / 2)].toFixed(1)} s median per run (min ${sorted[0].toFixed(1)}, max ${sorted.at(-1).toFixed(1)}), load average ${loadavg()[0].toFixed(1)} at the end (node ${process.version})\n`,
  );
  console.log(`| claim | holds on k of ${seeds.length} | fails on seeds |`);
  console.log("| --- | ---: | --- |");
  for (const entry of counts)
    console.log(`| ${entry.claim} | ${entry.holds} | ${entry.fails.join(", ") || "—"} |`);
}
