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
import { scoredRows } from "./scored-rows.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const count = Number(option("--rows", "100000"));
const rounds = Number(option("--rounds", "3"));
const browserPath = option("--chromium", process.env.REWARDKIT_CHROMIUM ?? "/usr/bin/chromium");
const work = "/tmp/rewardkit-bench-inspect";
mkdirSync(work, { recursive: true });

const rows = scoredRows(count);
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
