#!/usr/bin/env node
// Judge client overhead and rate-limited throughput. Every side sends the same chat request to the
// same local OpenAI-protocol server (a separate process answering at once), streaming: 64 judgments
// in flight, the next one sent as soon as one returns:
//   rewardkit `judge` node (template, request, parse, map)   vs   a bare node:http keep-alive loop,
//   the official `openai` SDK, and Node's fetch (each with the same score regex).
// rewardkit is also timed in 512-sample batches, one after another, as `rewardkit score` hands them
// to a node (each batch drains before the next starts). Three interleaved rounds after a warm-up;
// best round quoted with the spread; every side's scores are checked equal first.
// Then: throughput under `requests_per_minute` and under `concurrency` against a 10 ms server.
// Usage: npm run build && node bench/judges/run.mjs [--judgments 20000]
import { spawn } from "node:child_process";
import http from "node:http";
import { loadavg } from "node:os";
import OpenAI from "openai";
import { createContext, loadSpec } from "../../dist/index.js";

const args = process.argv.slice(2);
const countArg = args.indexOf("--judgments");
const judgments = countArg >= 0 ? Number(args[countArg + 1]) : 20_000;
const concurrency = 64;
const score = /score\s*[:=]\s*(\d+)/i;

async function startServer(delayMs = 0) {
  const child = spawn(process.execPath, ["bench/judges/instant-server.mjs", "--delay", String(delayMs)], {
    stdio: ["ignore", "pipe", "inherit"],
  });
  const url = await new Promise((resolve) =>
    child.stdout.once("data", (data) => resolve(String(data).trim())),
  );
  return { url, stop: () => child.kill("SIGTERM") };
}

const samples = Array.from({ length: judgments }, (_, index) => ({
  prompt: `Question ${index}: what is ${index} + 1?`,
  completion: `The answer is ${index + 1}.`,
}));
const userMessage = (sample) =>
  `[Principle]\nBe correct.\n\n[Prompt]\n${sample.prompt}\n\n[Response to evaluate]\n${sample.completion}\n\nEnd with "Score: N".`;

/** Runs `one(sample)` over all samples with `concurrency` in flight; returns wall ms. */
async function timed(one, count = judgments) {
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const sample = samples[next++];
        await one(sample);
      }
    }),
  );
  return performance.now() - started;
}

const { url, stop } = await startServer();
const agent = new http.Agent({ keepAlive: true, maxSockets: concurrency });
function barePost(sample) {
  const body = JSON.stringify({ model: "judge", messages: [{ role: "user", content: userMessage(sample) }] });
  return new Promise((resolve, reject) => {
    const request = http.request(
      `${url}/chat/completions`,
      {
        method: "POST",
        agent,
        headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) },
      },
      (response) => {
        const chunks = [];
        response.on("data", (chunk) => chunks.push(chunk));
        response.on("end", () => {
          const parsed = JSON.parse(Buffer.concat(chunks).toString());
          resolve(Number(score.exec(parsed.choices[0].message.content)?.[1]));
        });
      },
    );
    request.on("error", reject);
    request.end(body);
  });
}
const sdk = new OpenAI({ baseURL: url, apiKey: "unused", maxRetries: 0 });
const viaSdk = async (sample) => {
  const reply = await sdk.chat.completions.create({
    model: "judge",
    messages: [{ role: "user", content: userMessage(sample) }],
  });
  return Number(score.exec(reply.choices[0].message.content)?.[1]);
};
const viaFetch = async (sample) => {
  const response = await fetch(`${url}/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ model: "judge", messages: [{ role: "user", content: userMessage(sample) }] }),
  });
  const parsed = await response.json();
  return Number(score.exec(parsed.choices[0].message.content)?.[1]);
};

/** The judge node as a user's stream runs it: one sample per call, 64 in flight, through the engine guard. */
async function judgeStreaming(count = judgments) {
  const loaded = await loadSpec({
    version: 1,
    reward: { type: "judge", url, model: "judge", concurrency, cache: false, principle: "Be correct." },
  });
  const context = createContext({ concurrency });
  const ms = await timed(async (sample) => {
    const [result] = await loaded.reward.score([sample], context);
    if (result.error) throw new Error(JSON.stringify(result));
    return result.score;
  }, count);
  await loaded.close();
  return ms;
}

async function judgeSide(fields, count = judgments) {
  const loaded = await loadSpec({
    version: 1,
    reward: {
      type: "judge",
      url,
      model: "judge",
      concurrency,
      cache: false,
      principle: "Be correct.",
      ...fields,
    },
  });
  const context = createContext({ concurrency });
  const batch = 512;
  const started = performance.now();
  for (let offset = 0; offset < count; offset += batch) {
    const results = await loaded.reward.score(
      samples.slice(offset, Math.min(count, offset + batch)),
      context,
    );
    if (results.some((result) => result.error))
      throw new Error(JSON.stringify(results.find((result) => result.error)));
  }
  const ms = performance.now() - started;
  await loaded.close();
  return ms;
}

// The same scores on every side before any time: the server answers "Score: 8"; the judge node maps
// 8 on its default range [1, 10] onto [0, 1].
{
  const check = samples.slice(0, 200);
  const loaded = await loadSpec({
    version: 1,
    reward: { type: "judge", url, model: "judge", concurrency, cache: false, principle: "Be correct." },
  });
  const ours = (await loaded.reward.score(check, createContext({ concurrency }))).map((r) => r.score);
  await loaded.close();
  for (const [name, one] of [
    ["bare node:http", barePost],
    ["openai SDK", viaSdk],
    ["fetch", viaFetch],
  ]) {
    const theirs = await Promise.all(check.map(one));
    theirs.forEach((value, index) => {
      if (Math.abs((value - 1) / 9 - ours[index]) > 1e-12)
        throw new Error(`${name}: score ${value} differs from rewardkit's ${ours[index]} (sample ${index})`);
    });
  }
}

// Warm up every side once (JIT, sockets), then measure each three times, interleaved, keeping the best.
const sides = {
  "bare node:http": () => timed(barePost),
  "rewardkit judge, streaming (64 in flight)": () => judgeStreaming(),
  "rewardkit judge, 512-sample batches one after another": () => judgeSide({}),
  "openai SDK": () => timed(viaSdk),
  fetch: () => timed(viaFetch),
};
const warmCount = 1000;
await timed(barePost, warmCount);
await timed(viaSdk, warmCount);
await timed(viaFetch, warmCount);
await judgeSide({}, warmCount);
await judgeStreaming(warmCount);
const loadAtStart = loadavg();
const times = Object.fromEntries(Object.keys(sides).map((name) => [name, []]));
for (let round = 0; round < 3; round++) {
  for (const [name, run] of Object.entries(sides)) times[name].push(await run());
}
const perJudgment = (ms) => (ms / judgments) * 1000;
const best = Object.fromEntries(Object.entries(times).map(([name, list]) => [name, Math.min(...list)]));
const bare = best["bare node:http"];
const load = (values) => values.map((value) => value.toFixed(1)).join(" / ");
console.log(
  `Judgments: ${judgments.toLocaleString("en-US")} at concurrency ${concurrency}, instant local server (separate process); best of 3 interleaved rounds, spread = slowest–fastest round; load average (1/5/15 min) ${load(loadAtStart)} at start, ${load(loadavg())} at end.\n`,
);
console.log(
  "| client | µs per judgment (wall / n), best | spread over the 3 rounds, µs | judgments/s | overhead over bare, µs | ÷ bare |",
);
console.log("|---|---:|---:|---:|---:|---:|");
for (const [name, ms] of Object.entries(best)) {
  const slowest = perJudgment(Math.max(...times[name]));
  console.log(
    `| ${name} | ${perJudgment(ms).toFixed(1)} | ${slowest.toFixed(1)}–${perJudgment(ms).toFixed(1)} | ${Math.round(judgments / (ms / 1000)).toLocaleString("en-US")} | ${(perJudgment(ms) - perJudgment(bare)).toFixed(1)} | ${(ms / bare).toFixed(2)}× |`,
  );
}

// Cache hits: the same judgments again with the reply cache on.
{
  const loaded = await loadSpec({
    version: 1,
    reward: { type: "judge", url, model: "judge", concurrency, principle: "Be correct." },
  });
  const context = createContext({ concurrency });
  await loaded.reward.score(samples.slice(0, 5000), context);
  const started = performance.now();
  await loaded.reward.score(samples.slice(0, 5000), createContext({ concurrency }));
  const ms = performance.now() - started;
  await loaded.close();
  console.log(`\nReply-cache hit (memory): ${((ms / 5000) * 1000).toFixed(1)} µs per judgment over 5,000.`);
}
stop();

// Throughput bounded by the configured limits.
const limited = [];
{
  const { url: limitedUrl, stop: stopLimited } = await startServer(0);
  const count = 4000;
  const loaded = await loadSpec({
    version: 1,
    reward: {
      type: "judge",
      url: limitedUrl,
      model: "judge",
      concurrency,
      cache: false,
      requests_per_minute: 60_000,
    },
  });
  const started = performance.now();
  await loaded.reward.score(samples.slice(0, count), createContext({ concurrency }));
  const seconds = (performance.now() - started) / 1000;
  await loaded.close();
  stopLimited();
  // A one-second bucket: 1000 at once, then 1000/s.
  limited.push([
    "requests_per_minute: 60000 (1000/s)",
    count,
    seconds,
    `${((count - 1000) / 1000).toFixed(1)} s (1000 burst + 1000/s)`,
  ]);
}
{
  const { url: slowUrl, stop: stopSlow } = await startServer(10);
  const count = 2000;
  const loaded = await loadSpec({
    version: 1,
    reward: { type: "judge", url: slowUrl, model: "judge", concurrency: 8, cache: false },
  });
  const started = performance.now();
  await loaded.reward.score(samples.slice(0, count), createContext({ concurrency: 64 }));
  const seconds = (performance.now() - started) / 1000;
  await loaded.close();
  stopSlow();
  limited.push([
    "concurrency: 8, server takes 10 ms",
    count,
    seconds,
    `≥ ${((count / 8) * 0.01).toFixed(1)} s (8 in flight × 10 ms)`,
  ]);
}
console.log("\n| limit | judgments | seconds | judgments/s | bound |");
console.log("|---|---:|---:|---:|---|");
for (const [name, count, seconds, bound] of limited) {
  console.log(`| ${name} | ${count} | ${seconds.toFixed(2)} | ${Math.round(count / seconds)} | ${bound} |`);
}
process.exit(0);
