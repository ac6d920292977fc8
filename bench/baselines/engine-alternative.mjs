// The engine benchmark's alternative implementation: the same reward hand-written in one Node loop,
// with no engine (no spec, no guards, no components bookkeeping), reading through node:readline.
// It is not a floor: `rewardkit score` has beaten it (its reader splits 1 MiB chunks itself, which is
// faster than readline); the floor is engine-floor.mjs (read + parse + write, no scoring).
import { createReadStream, createWriteStream } from "node:fs";
import { createInterface } from "node:readline";

const [source, target] = process.argv.slice(2);
const out = createWriteStream(target);
const format = /^<think>[\s\S]*<\/think>\s*<answer>[\s\S]*<\/answer>$/;
let buffer = "";
for await (const line of createInterface({ input: createReadStream(source) })) {
  const row = JSON.parse(line);
  const formatScore = format.test(row.completion) ? 1 : 0;
  const correct = row.completion.trim() === String(row.reference).trim() ? 1 : 0;
  row.reward = 0.2 * formatScore + correct;
  row.components = { format: formatScore, correct };
  buffer += `${JSON.stringify(row)}\n`;
  if (buffer.length > 1 << 20) {
    if (!out.write(buffer)) await new Promise((resolve) => out.once("drain", resolve));
    buffer = "";
  }
}
out.end(buffer);
