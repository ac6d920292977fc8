#!/usr/bin/env node
// The /v1/score work of one 256-sample request in process, without HTTP: the server's steps (the
// tolerant JSON parse, the depth check, rows to samples, the engine on bench/server/spec.yaml,
// metrics, the reply text) beside the bare server's (JSON.parse, the hand-written reward,
// JSON.stringify), alternating in one process, the reply texts checked equal first. CPU-bound and
// steadier than bench/server/run.mjs on a shared machine: it shows how much of the gap to the bare
// server is the scoring path itself. Prints µs per request (median round) and bare ÷ rewardkit.
// Usage: npm run build && node bench/server/pipeline.mjs [--rounds 40]
import { existsSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { routes } from "../baselines/server-bare-reward.mjs";
import { rollout } from "./wrk-load.mjs";

const root = fileURLToPath(new URL("../../", import.meta.url));
const args = process.argv.slice(2);
const rounds = Number(args.includes("--rounds") ? args[args.indexOf("--rounds") + 1] : "40");
if (!existsSync(`${root}dist/index.js`)) {
  console.error("bench/server/pipeline.mjs times the built server: run `npm run build` first");
  process.exit(2);
}
const dist = (path) => import(`${root}dist/${path}`);
const rk = await dist("index.js");
const { checkJsonBody } = await dist("serve/json-check.js");
const { parseJsonBody } = await dist("serve/json-body.js");
const { withTextContent } = await dist("serve/content-blocks.js");
const { toWireResult } = await dist("serve/wire-results.js");
const { ResultsJson } = await dist("serve/results-json.js");
const { ServerMetrics } = await dist("serve/metrics.js");
const { defaultServeOptions } = await dist("serve/options.js");

const bodies = Array.from({ length: 8 }, (_, batch) =>
  JSON.stringify({
    samples: Array.from({ length: 256 }, (_, index) => {
      const row = rollout(batch * 256 + index);
      return { prompt: row.prompt, completion: row.completion, reference: row.reference };
    }),
  }),
);
const loaded = await rk.loadSpecFile(`${root}bench/server/spec.yaml`);
const cache = new rk.MemoryResultCache(defaultServeOptions.cacheEntries);
const stateStore = new rk.MemoryStateStore();
const metrics = new ServerMetrics({
  cache,
  gauges: { queuedSamples: () => 0, inFlightBatches: () => 0, inFlightRequests: () => 0 },
});
const resultsJson = new ResultsJson();

/** What the server does for a /v1/score body (scoreReply's steps, without the HTTP layer and batcher). */
async function rewardkit(body) {
  const parsed = parseJsonBody(body).value;
  checkJsonBody(parsed, defaultServeOptions.maxDepth);
  const entries = parsed.samples.map((row, index) =>
    rk.resolveImages(withTextContent(rk.rowToSample(row), index)),
  );
  const context = rk.createContext({
    runId: "default",
    signal: new AbortController().signal,
    cache,
    stateStore,
    concurrency: defaultServeOptions.concurrency,
  });
  const results = await loaded.reward.score(entries, context);
  metrics.results(results);
  return resultsJson.results(
    results,
    (index) => entries[index].id,
    (index) => toWireResult(results[index], entries[index].id),
  );
}

async function bare(body) {
  return JSON.stringify(routes["/v1/score"](JSON.parse(body)));
}

for (const body of bodies) {
  if ((await rewardkit(body)) !== (await bare(body))) throw new Error("the reply texts differ");
}
const sides = [
  { name: "bare (JSON.parse, hand-written reward, JSON.stringify)", run: bare, times: [] },
  { name: "rewardkit /v1/score steps", run: rewardkit, times: [] },
];
for (let round = 0; round < rounds; round++) {
  for (const side of sides) {
    const started = performance.now();
    for (let index = 0; index < 40; index++) await side.run(bodies[index % bodies.length]);
    side.times.push(((performance.now() - started) * 1000) / 40);
  }
}
const median = (times) => [...times].sort((a, b) => a - b)[Math.floor(times.length / 2)];
const [bareSide, ours] = sides;
for (const side of sides) console.log(`${side.name}: ${median(side.times).toFixed(1)} µs per request`);
console.log(
  `bare ÷ rewardkit: ${(median(bareSide.times) / median(ours.times)).toFixed(2)} (medians of ${rounds} alternating rounds of 40 requests; 256 samples each)`,
);
