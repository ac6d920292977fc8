#!/usr/bin/env node
// Why the math verifier has its own parser: parse rate and speed on MATH-500's 500 gold answers,
// ours beside @cortex-js/compute-engine (the LaTeX CAS promptfoo's math-equivalent uses), and the
// verdicts each gives on answer/reformatted-answer pairs. Needs `npm run build`; the compute
// engine is not a dependency: pass the folder of an install (npm i @cortex-js/compute-engine).
// Usage: node bench/verify/math-parsers.mjs [--cortex DIR/node_modules/@cortex-js/compute-engine]
import { readFileSync } from "node:fs";
import { fileURLToPath, pathToFileURL } from "node:url";
import { normalizeAnswer } from "../../dist/verify/math/normalize.js";
import { parseMath } from "../../dist/verify/math/parse.js";
import { verifyMath } from "../../dist/verify/math/verify-math.js";

const root = fileURLToPath(new URL("../../", import.meta.url));
const dataDir = process.env.REWARDKIT_SHARED_DATA ?? `${root}../shared/data`;
const cortexIndex = process.argv.indexOf("--cortex");
const cortexDir = cortexIndex >= 0 ? process.argv[cortexIndex + 1] : process.env.CORTEX_COMPUTE_ENGINE;
const answers = readFileSync(`${dataDir}/math500/test.jsonl`, "utf8")
  .split("\n")
  .filter(Boolean)
  .map((line) => JSON.parse(line).answer);
const reformat = (answer) => answer.replace(/\\frac/g, "\\dfrac").replace(/\\left|\\right/g, "");

function time(work, rounds = 5) {
  work();
  let best = Number.POSITIVE_INFINITY;
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    work();
    best = Math.min(best, performance.now() - started);
  }
  return best / answers.length;
}

const rows = [];
let oursParsed = 0;
const oursMs = time(() => {
  oursParsed = 0;
  for (const answer of answers) {
    try {
      parseMath(normalizeAnswer(answer));
      oursParsed++;
    } catch {}
  }
});
const oursAgree = answers.filter(
  (answer) => verifyMath({ completion: `\\boxed{${reformat(answer)}}`, reference: answer }).correct,
).length;
const oursOther = answers.filter((answer, index) => {
  const other = answers[(index + 7) % answers.length];
  return other !== answer && verifyMath({ completion: `\\boxed{${other}}`, reference: answer }).correct;
}).length;
rows.push(["rewardkit parser", oursParsed, oursMs, oursAgree, oursOther]);

if (cortexDir) {
  const { ComputeEngine } = await import(
    pathToFileURL(`${cortexDir}/dist/compute-engine.min.esm.js`).href
  ).catch(() => import(pathToFileURL(`${cortexDir}/dist/compute-engine.esm.js`).href));
  const engine = new ComputeEngine();
  let valid = 0;
  const cortexMs = time(() => {
    valid = 0;
    for (const answer of answers) if (engine.parse(answer).isValid) valid++;
  }, 2);
  const equal = (a, b) => {
    try {
      return engine.parse(a).isEqual(engine.parse(b)) === true;
    } catch {
      return false;
    }
  };
  const agree = answers.filter((answer) => equal(reformat(answer), answer)).length;
  const other = answers.filter((answer, index) => {
    const candidate = answers[(index + 7) % answers.length];
    return candidate !== answer && equal(candidate, answer);
  }).length;
  rows.push(["@cortex-js/compute-engine", valid, cortexMs, agree, other]);
}

console.log(
  "| parser | answers parsed (of 500) | ms per answer | reformatted pairs judged equal (of 500) | other answers judged equal |",
);
console.log("|---|---:|---:|---:|---:|");
for (const [name, parsed, ms, agree, other] of rows)
  console.log(`| ${name} | ${parsed} | ${ms.toFixed(4)} | ${agree} | ${other} |`);
if (!cortexDir) console.log("(compute engine skipped: pass --cortex DIR)");
