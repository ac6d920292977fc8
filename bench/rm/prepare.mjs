// Splits HH-RLHF preference pairs into train / valid / test JSONL files of plain
// {prompt, chosen, rejected} (responses already split from the transcripts), so the rewardkit
// and PyTorch runs read exactly the same pairs in the same order.
import { mkdirSync, writeFileSync } from "node:fs";
import { openRows } from "../../dist/io/index.js";
import { readPairs, splitByPrompt } from "../../dist/preference/index.js";

export async function preparePairs(files, folder, seed = 11) {
  mkdirSync(folder, { recursive: true });
  const pairs = [];
  for (const file of files) pairs.push(...(await readPairs(await openRows(file), { label: file })).pairs);
  const { train: rest, valid: test } = splitByPrompt(pairs, { validFraction: 0.2, seed });
  const { train, valid } = splitByPrompt(rest, { validFraction: 0.1, seed: seed + 1 });
  const write = (name, list) =>
    writeFileSync(
      `${folder}/${name}.jsonl`,
      `${list
        .map((pair) => JSON.stringify({ prompt: pair.prompt, chosen: pair.chosen, rejected: pair.rejected }))
        .join("\n")}\n`,
    );
  write("train", train);
  write("valid", valid);
  write("test", test);
  return { train: train.length, valid: valid.length, test: test.length };
}
