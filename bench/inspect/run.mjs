#!/usr/bin/env node
// The web inspector on a large scored file: `rewardkit inspect` on N synthetic scored rows (steps,
// GRPO groups of 4, three components, 2% errors, every 8th completion a chat). Measures, per round:
// start-up (read + figures, until the URL is printed), GET api/summary (first and repeated), one
// filtered+searched rows page, the reward-hacking flags (computed on first request), and the page
// in Debian's chromium until every section is drawn. The baseline is what an inspector that ships
// every row to the browser would send: the rows as one JSON array (its size and stringify time).
// Needs `npm run build` and chromium. Usage: node bench/inspect/run.mjs [--rows 100000] [--rounds 3]
import { spawn } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { chromium } from "playwright-core";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const count = Number(option("--rows", "100000"));
const rounds = Number(option("--rounds", "3"));
const browserPath = option("--chromium", process.env.REWARDKIT_CHROMIUM ?? "/usr/bin/chromium");
const work = "/tmp/rewardkit-bench-inspect";
mkdirSync(work, { recursive: true });

// A seeded generator (mulberry32), so every run inspects the same file.
let seed = 12345;
const random = () => {
  seed = (seed + 0x6d2b79f5) >>> 0;
  let t = seed;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
};
const rows = [];
for (let index = 0; index < count; index++) {
  const step = Math.floor(index / 400);
  const correct = random() < 0.3 + step / 600 ? 1 : 0;
  const format = random() < 0.9 ? 1 : 0;
  const words = 20 + Math.floor(random() * 60) + step;
  const text = `${"step by step we add the numbers ".repeat(Math.ceil(words / 7)).trim()} answer ${index % 97}`;
  const row = {
    id: `r${index}`,
    group: `g${Math.floor(index / 4)}`,
    step,
    prompt: `Question ${Math.floor(index / 4)}: what is ${index % 97} plus ${index % 13}?`,
    completion: index % 8 === 0 ? [{ role: "assistant", content: text }] : text,
    reward: correct + 0.2 * format + 0.1 * Math.min(1, words / 100),
    components: { correct, format, length: Math.min(1, words / 100) },
    advantage: random() * 2 - 1,
  };
  if (index % 50 === 7) {
    row.reward = -1;
    row.error = { code: index % 100 === 7 ? "TIMEOUT" : "NOT_APPLICABLE", message: "bench", node: "correct" };
  }
  rows.push(row);
}
const file = `${work}/scored-${count}.jsonl`;
writeFileSync(file, `${rows.map((row) => JSON.stringify(row)).join("\n")}\n`);

let baselineMs = Number.POSITIVE_INFINITY;
let baselineBytes = 0;
for (let round = 0; round < rounds; round++) {
  const started = performance.now();
  baselineBytes = Buffer.byteLength(JSON.stringify(rows));
  baselineMs = Math.min(baselineMs, performance.now() - started);
}

async function timed(url) {
  const started = performance.now();
  const response = await fetch(url);
  const body = await response.text();
  if (!response.ok) throw new Error(`${url}: ${response.status} ${body}`);
  return { ms: performance.now() - started, bytes: Buffer.byteLength(body) };
}

function startInspect() {
  return new Promise((resolve, reject) => {
    const started = performance.now();
    const child = spawn(process.execPath, [`${root}bin/rewardkit.js`, "inspect", file], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.on("exit", (code) => reject(new Error(`inspect exited ${code}`)));
    createInterface({ input: child.stdout }).once("line", (url) =>
      resolve({ child, url, startMs: performance.now() - started }),
    );
  });
}

const browser = await chromium.launch({ executablePath: browserPath });
const results = [];
for (let round = 0; round < rounds; round++) {
  const { child, url, startMs } = await startInspect();
  const summaryFirst = await timed(`${url}api/summary`);
  const summaryAgain = await timed(`${url}api/summary`);
  const rowsPage = await timed(`${url}api/rows?component=correct&min=1&q=answer%2042&limit=50`);
  const flags = await timed(`${url}api/diagnostics`);
  const page = await browser.newPage({ viewport: { width: 1400, height: 1000 } });
  const pageStarted = performance.now();
  await page.goto(url);
  await page.waitForSelector("body[data-ready=true]", { timeout: 120_000 });
  const pageMs = performance.now() - pageStarted;
  await page.close();
  child.removeAllListeners("exit");
  child.kill("SIGTERM");
  results.push({ startMs, summaryFirst, summaryAgain, rowsPage, flags, pageMs });
}
await browser.close();

const best = (pick) => Math.min(...results.map(pick));
const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(
  `rewardkit inspect, ${count} rows (${kb(Buffer.byteLength(rows.map((row) => JSON.stringify(row)).join("\n")))} of JSONL), best of ${rounds} rounds, load ${loadavg()[0].toFixed(1)}`,
);
console.log("| what | ms | bytes sent |");
console.log("| --- | ---: | ---: |");
console.log(
  `| start-up: read the file, compute the figures, print the URL | ${best((r) => r.startMs).toFixed(0)} | |`,
);
console.log(
  `| GET api/summary (first) | ${best((r) => r.summaryFirst.ms).toFixed(1)} | ${kb(results[0].summaryFirst.bytes)} |`,
);
console.log(
  `| GET api/summary (again) | ${best((r) => r.summaryAgain.ms).toFixed(1)} | ${kb(results[0].summaryAgain.bytes)} |`,
);
console.log(
  `| GET api/rows: filter + search + one page of 50 | ${best((r) => r.rowsPage.ms).toFixed(1)} | ${kb(results[0].rowsPage.bytes)} |`,
);
console.log(
  `| GET api/diagnostics (the flags, computed on first request) | ${best((r) => r.flags.ms).toFixed(0)} | ${kb(results[0].flags.bytes)} |`,
);
console.log(`| page load in chromium until every section is drawn | ${best((r) => r.pageMs).toFixed(0)} | |`);
console.log(
  `| baseline: every row as one JSON array (JSON.stringify) | ${baselineMs.toFixed(0)} | ${kb(baselineBytes)} |`,
);
