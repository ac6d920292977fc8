#!/usr/bin/env node
// The inspector's load and its reward-hacking flags in process, two builds side by side: InspectDataset
// construction (row flags: the text checks) and the first diagnostics() over N generated scored rows
// (run.mjs's rows), rounds alternating baseline/candidate, the reports checked deep-equal.
// Usage: node bench/inspect/in-process.mjs --baseline /path/to/old/dist [--candidate dist] [--rows 20000] [--rounds 3]
import { deepStrictEqual } from "node:assert";
import { loadavg } from "node:os";
import { pathToFileURL } from "node:url";
import { scoredRows } from "./scored-rows.mjs";

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const baselineDist = option("--baseline", undefined);
if (!baselineDist) throw new Error("--baseline <dist folder of the build to compare with> is required");
const candidateDist = option("--candidate", new URL("../../dist", import.meta.url).pathname);
const count = Number(option("--rows", "20000"));
const rounds = Number(option("--rounds", "3"));

// The same seeded rows as run.mjs.
const raw = scoredRows(count);

const builds = {
  baseline: await import(pathToFileURL(`${baselineDist}/inspect/index.js`).href),
  candidate: await import(pathToFileURL(`${candidateDist}/inspect/index.js`).href),
};
const times = { baseline: [], candidate: [] };
const reports = {};
for (let round = 0; round < rounds; round++) {
  for (const name of round % 2 === 0 ? ["baseline", "candidate"] : ["candidate", "baseline"]) {
    const { InspectDataset, inspectRowOf } = builds[name];
    const rows = raw.map((row, index) => inspectRowOf(row, { index, line: index + 1 }));
    const started = performance.now();
    const dataset = new InspectDataset({ label: "bench", rows });
    const loaded = performance.now();
    reports[name] = dataset.diagnostics();
    const done = performance.now();
    times[name].push({ load: loaded - started, diagnostics: done - loaded });
  }
}
deepStrictEqual(reports.candidate, reports.baseline);
const median = (values) => values.sort((a, b) => a - b)[Math.floor(values.length / 2)];
console.log(
  `${count} rows, ${rounds} rounds alternating, median ms; load average ${loadavg()
    .map((v) => v.toFixed(2))
    .join(" ")}`,
);
console.log("| build | InspectDataset (row flags) | first diagnostics() | total |");
console.log("| --- | ---: | ---: | ---: |");
for (const name of ["baseline", "candidate"]) {
  const load = median(times[name].map((t) => t.load));
  const diagnostics = median(times[name].map((t) => t.diagnostics));
  const total = median(times[name].map((t) => t.load + t.diagnostics));
  console.log(`| ${name} | ${load.toFixed(0)} | ${diagnostics.toFixed(0)} | ${total.toFixed(0)} |`);
}
console.log("reports deep-equal: yes");
