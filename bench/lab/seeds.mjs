#!/usr/bin/env node
// On how many seeds each claim of an experiment holds at its default settings, with the wall time of
// a run (mean over the seeds). Prints a markdown table per experiment (the "holds on k of n seeds"
// docs/lab.md records). Usage: npm run build && node bench/lab/seeds.mjs raft fk-steering [--seeds 10]
import { experiments, runLab } from "../../dist/lab/index.js";

const args = process.argv.slice(2);
const at = args.indexOf("--seeds");
const seedCount = at >= 0 ? Number(args[at + 1]) : 10;
const names = args.filter((arg, index) => !arg.startsWith("--") && (at < 0 || index !== at + 1));
for (const name of names) {
  if (!experiments[name]) throw new Error(`unknown lab experiment "${name}"`);
}

for (const name of names.length > 0 ? names : Object.keys(experiments)) {
  const held = new Map();
  let seconds = 0;
  for (let seed = 1; seed <= seedCount; seed++) {
    const started = performance.now();
    const results = await runLab({ experiment: name, seed });
    seconds += (performance.now() - started) / 1000;
    for (const claim of results.claims) {
      const entry = held.get(claim.claim) ?? { holds: 0, failing: [] };
      if (claim.holds) entry.holds++;
      else entry.failing.push(seed);
      held.set(claim.claim, entry);
    }
  }
  console.log(
    `\n${name}: seeds 1–${seedCount} at default settings, ${(seconds / seedCount).toFixed(1)} s a run (node ${process.version})\n`,
  );
  console.log("| claim | holds on | seeds where it does not |");
  console.log("| --- | ---: | --- |");
  for (const [claim, entry] of held) {
    console.log(`| ${claim} | ${entry.holds} of ${seedCount} | ${entry.failing.join(", ") || "—"} |`);
  }
}
