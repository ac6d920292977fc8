#!/usr/bin/env node
// Composition overhead: samples/s through a 5-member UWO ensemble + PAR shaping over cheap members,
// beside the same five members scored without the composite (the baseline) and a bare JS loop
// computing the same numbers. Prints a markdown table and the overhead per sample per composite node.
// The members and the reference rewards are on a sensible scale (window scores in [0, 1], a capped
// digit count, 0/1 rules; references in [0, 2]) so the composite is a live reward, not PAR's sigmoid
// saturated at 1e-49 (issue 25); the composite's scores are checked equal to the bare loop's and their
// range printed before any time. Every side: the same batches, a warm-up round, the median of the
// same interleaved rounds (spread printed), the load average printed.
// Usage: npm run build && node bench/compose/run.mjs [--samples 200000] [--batch 1024] [--rounds 5]
import { loadavg } from "node:os";
import { createContext, loadSpec } from "../../dist/index.js";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at >= 0 ? Number(args[at + 1]) : fallback;
};
const sampleCount = option("samples", 200_000);
const batchSize = option("batch", 1024);
const rounds = option("rounds", 5);

// Five cheap members with different (sensible) scales, as an ensemble of reward models would have:
// two length windows in [0, 1], a digit count capped at 4, two 0/1 rules.
const members = [
  { type: "length", name: "chars", unit: "chars", min: 70, max: 90, slope: 40 },
  { type: "length", name: "words", unit: "words", min: 14, max: 18, slope: 8 },
  { type: "regex", name: "digits", pattern: "\\d", mode: "count", max_count: 4 },
  { type: "regex", name: "format", pattern: "<answer>" },
  { type: "exact_match", name: "correct" },
];
const composite = {
  type: "shape",
  name: "par",
  method: "par",
  reward: { type: "ensemble", name: "uwo", aggregate: "uwo", lambda: 0.1, members },
};

function makeSamples(count) {
  const samples = [];
  for (let index = 0; index < count; index++) {
    const answer = index % 97;
    const filler = " and so on".repeat(index % 4);
    const completion = `<think>She sold ${answer} clips and then ${index % 13} more${filler}.</think><answer>${answer}</answer>`;
    samples.push({
      prompt: "How many clips?",
      completion,
      reference: index % 3 === 0 ? completion : "no",
      group: `g${index >> 3}`,
      meta: { reference_rewards: Array.from({ length: 10 }, (_, ref) => ((index + ref) % 17) / 8) },
    });
  }
  return samples;
}

const samples = makeSamples(sampleCount);
const batches = [];
for (let start = 0; start < samples.length; start += batchSize)
  batches.push(samples.slice(start, start + batchSize));

const compositeReward = (await loadSpec({ version: 1, reward: composite })).reward;
const memberRewards = await Promise.all(
  members.map(async (member) => (await loadSpec({ version: 1, reward: member })).reward),
);

async function timeComposite() {
  const context = createContext({ runId: "bench" });
  const scores = [];
  const started = performance.now();
  for (const batch of batches) {
    const results = await compositeReward.score(batch, context);
    for (const result of results) scores.push(result.score);
  }
  return { seconds: (performance.now() - started) / 1000, scores };
}

async function timeMembers() {
  const context = createContext({ runId: "bench" });
  let checksum = 0;
  const started = performance.now();
  for (const batch of batches) {
    const tables = await Promise.all(memberRewards.map((reward) => reward.score(batch, context)));
    checksum += tables[0][0].score;
  }
  return { seconds: (performance.now() - started) / 1000, checksum };
}

// The same reward by hand: five member functions, UWO (unbiased variance, λ 0.1) and PAR (k 1, 10 refs).
const digits = /\d/g;
function bareScore(sample) {
  const text = sample.completion;
  const wordList = text.trim().split(/\s+/);
  digits.lastIndex = 0;
  let digitCount = 0;
  while (digitCount < 4 && digits.exec(text) !== null) digitCount++;
  const window = (length, min, max, slope) => {
    const outside = length < min ? min - length : length > max ? length - max : 0;
    return Math.max(0, 1 - outside / slope);
  };
  const scores = [
    window([...text].length, 70, 90, 40),
    window(wordList[0] === "" ? 0 : wordList.length, 14, 18, 8),
    digitCount,
    text.includes("<answer>") ? 1 : 0,
    text.trim() === String(sample.reference).trim() ? 1 : 0,
  ];
  let mean = 0;
  for (const score of scores) mean += score;
  mean /= scores.length;
  let squares = 0;
  for (const score of scores) squares += (score - mean) ** 2;
  const reward = mean - 0.1 * (squares / (scores.length - 1));
  const refs = sample.meta.reference_rewards;
  let par = 0;
  for (let index = 0; index < 10; index++) par += 1 / (1 + Math.exp(-(reward - refs[index])));
  return par / 10;
}

function timeBare() {
  const scores = [];
  const started = performance.now();
  for (const batch of batches) {
    const out = batch.map(bareScore);
    for (const score of out) scores.push(score);
  }
  return { seconds: (performance.now() - started) / 1000, scores };
}

// Warm up (JIT), check the composite's values against the bare loop's, then take the median of
// several rounds of each, interleaved.
const loadAtStart = loadavg();
const compositeScores = (await timeComposite()).scores;
await timeMembers();
const bareScores = timeBare().scores;
let worst = 0;
for (let index = 0; index < sampleCount; index++) {
  worst = Math.max(worst, Math.abs(compositeScores[index] - bareScores[index]));
}
if (!(worst <= 1e-9)) throw new Error(`composite and bare loop differ by up to ${worst}`);
const lowest = compositeScores.reduce((low, value) => Math.min(low, value), Number.POSITIVE_INFINITY);
const highest = compositeScores.reduce((high, value) => Math.max(high, value), Number.NEGATIVE_INFINITY);
const meanScore = compositeScores.reduce((sum, value) => sum + value, 0) / sampleCount;
if (!(lowest > 0.01 && highest < 0.99 && highest - lowest > 0.1)) {
  throw new Error(
    `composite scores ${lowest}…${highest}: saturated or constant, not a benchmark of a live reward`,
  );
}
const median = (values) => [...values].sort((a, b) => a - b)[values.length >> 1];
const measured = { composite: [], members: [], bare: [] };
for (let round = 0; round < rounds; round++) {
  measured.composite.push((await timeComposite()).seconds);
  measured.members.push((await timeMembers()).seconds);
  measured.bare.push(timeBare().seconds);
}
const seconds = {
  composite: median(measured.composite),
  members: median(measured.members),
  bare: median(measured.bare),
};
const rate = (value) => Math.round(sampleCount / value).toLocaleString("en-US");
const compositeNodes = 2; // ensemble + shape
const overheadMicros = ((seconds.composite - seconds.members) / sampleCount / compositeNodes) * 1e6;
const micros = (value) => ((value / sampleCount) * 1e6).toFixed(2);
const spread = (values) => `${rate(Math.max(...values))}–${rate(Math.min(...values))}`;
const load = (values) => values.map((value) => value.toFixed(2)).join(" / ");

console.log(
  `samples ${sampleCount.toLocaleString("en-US")}, batch ${batchSize}, warm-up round then median of ${rounds} interleaved rounds, Node ${process.version}`,
);
console.log(
  `load average (1 / 5 / 15 min) at start ${load(loadAtStart)}, at the end ${load(loadavg())} (2 cores)`,
);
console.log(
  `composite scores equal to the bare loop's (max |difference| ${worst.toExponential(1)}); range ${lowest.toFixed(3)}–${highest.toFixed(3)}, mean ${meanScore.toFixed(3)}\n`,
);
console.log("| pipeline | samples/s (median) | spread over rounds | µs per sample |");
console.log("|---|---:|---:|---:|");
const rows = [
  ["5 members scored alone (baseline)", "members"],
  ["shape(par) ∘ ensemble(uwo) over the 5 members", "composite"],
  ["the same reward as one bare JS loop", "bare"],
];
for (const [label, key] of rows) {
  console.log(`| ${label} | ${rate(seconds[key])} | ${spread(measured[key])} | ${micros(seconds[key])} |`);
}
console.log("");
console.log(`composite ÷ baseline time: ${(seconds.composite / seconds.members).toFixed(2)}×`);
console.log(
  `composite's whole cost: ${micros(seconds.composite)} µs per sample; overhead over its members: ${overheadMicros.toFixed(3)} µs per sample per composite node (target ≤ 1 µs)`,
);
