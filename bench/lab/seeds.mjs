#!/usr/bin/env node
// How many seeds each claim of a lab experiment holds on, with the wall time of each run, at the
// default settings (plus any --option name=value). Prints a markdown table per experiment.
// Usage: npm run build && node bench/lab/seeds.mjs EXPERIMENT [EXPERIMENT...] [--seeds 1-5 | --seeds 10] [--option name=json]
import { runLab } from "../../dist/lab/index.js";

const args = process.argv.slice(2);
const names = [];
const options = {};
let seeds = [1, 2, 3, 4, 5];
for (let at = 0; at < args.length; at++) {
  const arg = args[at];
  if (arg === "--seeds") {
    // "1-5" is a range; a bare "10" means seeds 1–10.
    const text = args[++at];
    const [from, to] = text.includes("-") ? text.split("-").map(Number) : [1, Number(text)];
    seeds = Array.from({ length: to - from + 1 }, (_, index) => from + index);
  } else if (arg === "--option") {
    const [key, ...rest] = args[++at].split("=");
    const text = rest.join("=");
    try {
      options[key] = JSON.parse(text);
    } catch {
      options[key] = text;
    }
  } else names.push(arg);
}

for (const experiment of names) {
  const held = [];
  const seconds = [];
  let claims = [];
  for (const seed of seeds) {
    const started = performance.now();
    const results = await runLab({ experiment, seed, options });
    seconds.push((performance.now() - started) / 1000);
    claims = results.claims.map((claim) => claim.claim);
    results.claims.forEach((claim, index) => {
      held[index] = (held[index] ?? 0) + (claim.holds ? 1 : 0);
    });
  }
  const extra = Object.keys(options).length ? ` with ${JSON.stringify(options)}` : "";
  console.log(
    `\n${experiment}${extra}: seeds ${seeds[0]}–${seeds.at(-1)}, seconds per run ${seconds.map((value) => value.toFixed(1)).join(", ")}\n`,
  );
  console.log("| claim | holds on |");
  console.log("| --- | ---: |");
  for (const [index, claim] of claims.entries())
    console.log(`| ${claim} | ${held[index]} of ${seeds.length} |`);
}
