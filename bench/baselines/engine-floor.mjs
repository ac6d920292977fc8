// The engine benchmark's floor: what any scorer of this JSONL must do and nothing more: read the file
// in 1 MiB chunks and split lines (as rewardkit's reader does), JSON.parse each row, add the same
// `reward` and `components` fields with constant values (no scoring), JSON.stringify and write in
// 1 MiB pieces. `rewardkit score` minus this is the cost of the engine plus the reward itself.
// Usage: node engine-floor.mjs in.jsonl out.jsonl
import { createReadStream, createWriteStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";

const [source, target] = process.argv.slice(2);
const out = createWriteStream(target);
const decoder = new StringDecoder("utf8");
let carry = "";
let buffer = "";

function emit(line) {
  if (line.length === 0) return;
  const row = JSON.parse(line);
  row.reward = 0;
  row.components = { format: 0, correct: 0 };
  buffer += `${JSON.stringify(row)}\n`;
}

async function flush() {
  if (buffer.length > 1 << 20) {
    const full = !out.write(buffer);
    buffer = "";
    if (full) await new Promise((resolve) => out.once("drain", resolve));
  }
}

for await (const chunk of createReadStream(source, { highWaterMark: 1 << 20 })) {
  const text = carry + decoder.write(chunk);
  let start = 0;
  for (let newline = text.indexOf("\n"); newline !== -1; newline = text.indexOf("\n", start)) {
    emit(text.slice(start, newline));
    start = newline + 1;
  }
  carry = text.slice(start);
  await flush();
}
emit(carry + decoder.end());
out.end(buffer);
