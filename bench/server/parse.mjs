#!/usr/bin/env node
// The server's body parser beside plain JSON.parse (the baseline), on the bench's request bodies:
// standard JSON (the hot path: plain JSON.parse inside a try) and the same bodies with one Python
// NaN token (the tolerant slow path: scan for NaN/Infinity outside strings, parse again, restore).
// Each case is timed in alternating rounds; the best round is reported. Needs `npm run build`.
// Usage: node bench/server/parse.mjs [--rounds 15]
import { parseJsonBody } from "../../dist/serve/json-body.js";

const args = process.argv.slice(2);
const rounds = Number(args.includes("--rounds") ? args[args.indexOf("--rounds") + 1] : "15");

function rollout(index) {
  const answer = index % 97;
  const think = `<think>Natalia sold ${answer} clips in April and half as many in May, so the total is computed step by step.</think>`;
  const prompt = `<|im_start|>user\nHow many clips did Natalia sell altogether? (${index})<|im_end|>\n<|im_start|>assistant\n`;
  return { prompt, completion: `${think}\n<answer>${answer}</answer>`, reference: String(answer) };
}

const single = Array.from({ length: 512 }, (_, index) => {
  const row = rollout(index);
  return JSON.stringify({
    query: [`${row.prompt}${row.completion}<|im_end|>`],
    prompts: [row.prompt],
    labels: [row.reference],
  });
});
const batch = Array.from({ length: 8 }, (_, offset) =>
  JSON.stringify({ samples: Array.from({ length: 256 }, (_, index) => rollout(offset * 256 + index)) }),
);
// One ground truth a float('nan'), as json.dumps writes it.
const withNaN = (bodies) =>
  bodies.map((body) => body.replace(/"(labels|reference)":(\[?)"\d+"/, '"$1":$2NaN'));

const cases = [
  { name: "OpenRLHF single rollout", bodies: single, repeat: 40 },
  { name: "/v1/score × 256 samples", bodies: batch, repeat: 4 },
  { name: "OpenRLHF single rollout, label NaN", bodies: withNaN(single), repeat: 40, slow: true },
  { name: "/v1/score × 256 samples, one reference NaN", bodies: withNaN(batch), repeat: 4, slow: true },
];

function time(parse, bodies, repeat) {
  const started = process.hrtime.bigint();
  let sink = 0;
  for (let turn = 0; turn < repeat; turn++)
    for (const body of bodies) sink += parse(body) === undefined ? 0 : 1;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (sink === 0) throw new Error("nothing parsed");
  return (seconds / (repeat * bodies.length)) * 1e6;
}

const baseline = (text) => JSON.parse(text);
// The baseline cannot parse NaN at all: it is timed on the same bodies with the token as a number.
const baselineBodies = (entry) =>
  entry.slow ? entry.bodies.map((body) => body.replace("NaN", "0")) : entry.bodies;

console.log("| body | JSON.parse µs/body | parseJsonBody µs/body | ratio |");
console.log("|---|---:|---:|---:|");
for (const entry of cases) {
  let best = { baseline: Number.POSITIVE_INFINITY, ours: Number.POSITIVE_INFINITY };
  const plain = baselineBodies(entry);
  for (let round = 0; round < rounds; round++) {
    best = {
      baseline: Math.min(best.baseline, time(baseline, plain, entry.repeat)),
      ours: Math.min(best.ours, time(parseJsonBody, entry.bodies, entry.repeat)),
    };
  }
  console.log(
    `| ${entry.name} | ${best.baseline.toFixed(2)} | ${best.ours.toFixed(2)} | ${(best.ours / best.baseline).toFixed(2)}× |`,
  );
}
