#!/usr/bin/env node
// Turns/s of the `turns` node over eight-turn tool-use conversations (each turn scored by
// `tool_success`, averaged), beside the same reward written as a plain Python loop, in process
// (parsed rows, median of rounds) and end to end (`rewardkit score` vs the Python script reading and
// writing the same JSONL). Both compute the same rewards: their sums are compared. Rates are per
// CPU-second (user + system), which a busy shared machine disturbs far less than wall time.
// Usage: npm run build && node bench/turns/run.mjs [--conversations 20000] [--rounds 5] [--no-python]
import { spawnSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { parse } from "yaml";
import { createContext, loadSpec } from "../../dist/index.js";
import { makeConversations } from "./make-conversations.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const count = option("conversations", 20_000);
const rounds = option("rounds", 5);
const withPython = !args.includes("--no-python");
const turnsPer = 8;
const work = "/tmp/rewardkit-bench-turns";
mkdirSync(work, { recursive: true });
const input = `${work}/conversations-${count}.jsonl`;
if (!existsSync(input)) await makeConversations(input, count);

// In process: the parsed rows through the compiled spec in batches of 1024.
const rows = readFileSync(input, "utf8")
  .split("\n")
  .filter((line) => line !== "")
  .map((line) => JSON.parse(line));
const { reward } = await loadSpec(parse(readFileSync(`${root}bench/turns/spec.yaml`, "utf8")));
/** CPU seconds (user + system) of this process: on a shared machine, less noisy than wall time. */
function cpuSeconds() {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1e6;
}
async function loop() {
  const context = createContext({ runId: "bench" });
  let checksum = 0;
  const started = cpuSeconds();
  for (let start = 0; start < rows.length; start += 1024) {
    const results = await reward.score(rows.slice(start, start + 1024), context);
    for (const result of results) checksum += result.score;
  }
  return { seconds: cpuSeconds() - started, checksum };
}
/** Runs a command under /usr/bin/time: its CPU seconds (user + system), start-up included. */
function timed(command, commandArgs) {
  const run = spawnSync("/usr/bin/time", ["-f", "%U %S", command, ...commandArgs], {
    cwd: root,
    encoding: "utf8",
    maxBuffer: 1 << 26,
  });
  if (run.status !== 0) throw new Error(`${command} ${commandArgs.join(" ")} failed: ${run.stderr}`);
  const [user, system] = run.stderr.trim().split("\n").at(-1).split(" ").map(Number);
  return { seconds: user + system, stdout: run.stdout };
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];

// Rounds alternate between rewardkit and Python, so a change in the machine's load hits both.
await loop(); // warm up (JIT)
const nodeTimes = [];
const pythonTimes = [];
let checksum = 0;
let pythonChecksum;
for (let round = 0; round < rounds; round++) {
  const run = await loop();
  nodeTimes.push(run.seconds);
  checksum = run.checksum;
  if (withPython) {
    const python = JSON.parse(
      timed("python3", ["bench/baselines/turns_baseline.py", "loop", input, "1"]).stdout,
    );
    pythonTimes.push(python.seconds);
    pythonChecksum = python.checksum;
  }
}
if (withPython && Math.abs(pythonChecksum - checksum) > 1e-6 * count) {
  throw new Error(`the Python loop's rewards differ: sum ${pythonChecksum} vs rewardkit ${checksum}`);
}
const endToEnd = { cli: [], python: [] };
for (let round = 0; round < Math.min(rounds, 3); round++) {
  endToEnd.cli.push(
    timed(process.execPath, [
      "bin/rewardkit.js",
      "score",
      "--spec",
      "bench/turns/spec.yaml",
      "--input",
      input,
      "--output",
      `${work}/rk.jsonl`,
      "--no-progress",
    ]).seconds,
  );
  if (withPython) {
    endToEnd.python.push(
      timed("python3", ["bench/baselines/turns_baseline.py", "file", input, `${work}/py.jsonl`]).seconds,
    );
  }
}
const node = median(nodeTimes);
const python = withPython ? { seconds: median(pythonTimes), checksum: pythonChecksum } : undefined;
const cli = { seconds: median(endToEnd.cli) };
const pythonFile = withPython ? { seconds: median(endToEnd.python) } : undefined;

const turns = count * turnsPer;
const fmt = (value) => Math.round(value).toLocaleString("en-US");
console.log(
  `${count.toLocaleString("en-US")} conversations × ${turnsPer} assistant turns (${fmt(turns)} turns, 1.5 calls per tool turn), median of ${rounds} interleaved rounds (end to end: ${Math.min(rounds, 3)}), Node ${process.version}\n`,
);
console.log("| what (turns per CPU-second) | rewardkit turns/s | Python turns/s | rewardkit ÷ Python |");
console.log("|---|---:|---:|---:|");
console.log(
  `| scoring loop (parsed rows in memory) | ${fmt(turns / node)} | ${python ? fmt(turns / python.seconds) : "—"} | ${python ? `${(python.seconds / node).toFixed(2)}×` : "—"} |`,
);
console.log(
  `| end to end (JSONL in, scored JSONL out) | ${fmt(turns / cli.seconds)} | ${pythonFile ? fmt(turns / pythonFile.seconds) : "—"} | ${pythonFile ? `${(pythonFile.seconds / cli.seconds).toFixed(2)}×` : "—"} |`,
);
console.log(
  `\nload average at the end: ${(await import("node:os"))
    .loadavg()
    .map((value) => value.toFixed(1))
    .join(" ")}`,
);
console.log(
  `mean reward ${(checksum / count).toFixed(6)} (the Python loop's: ${python ? (python.checksum / count).toFixed(6) : "—"})`,
);
