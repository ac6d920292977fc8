import { readFile } from "node:fs/promises";
import { describe, expect, it } from "vitest";
import { openRows } from "../src/io/index.js";
import { type ReadPairsResult, readPairs } from "../src/preference/index.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";

async function readSet(path: string): Promise<ReadPairsResult> {
  const file = sharedDataPath(path);
  if (file.endsWith(".json")) {
    const items = JSON.parse(await readFile(file, "utf8")) as Record<string, unknown>[];
    return readPairs(
      items.map((row, index) => ({ ok: true as const, line: index + 1, row })),
      { label: path, unit: "item" },
    );
  }
  return readPairs(await openRows(file), { label: path });
}

const count = (result: ReadPairsResult, kind: string) =>
  result.problems.filter((problem) => problem.kind === kind).length;

describe.skipIf(!hasSharedData("hh-rlhf/helpful-base/test.jsonl.gz"))(
  "the shared preference sets, read as the data README describes them",
  () => {
    it("HH-RLHF: transcripts split into the shared conversation and the final Assistant turns", async () => {
      const base = await readSet("hh-rlhf/helpful-base/test.jsonl.gz");
      expect(base.rows).toBe(2354);
      expect(count(base, "identical")).toBe(2);
      const first = base.pairs[0];
      expect(first?.prompt.startsWith("\n\nHuman: ")).toBe(true);
      expect(first?.prompt.endsWith("\n\nAssistant:")).toBe(true);
      expect(first?.chosen.includes("\n\nHuman:")).toBe(false);
      const sampled = await readSet("hh-rlhf/helpful-rejection-sampled/test.jsonl.gz");
      expect(count(sampled, "identical")).toBe(32);
    });

    it("HH-RLHF: an empty final Assistant turn is an answer and its pair is kept (harmless-base: 2 chosen, helpful-base: 4 rejected)", async () => {
      const harmless = await readSet("hh-rlhf/harmless-base/pairs.jsonl");
      expect(harmless.rows).toBe(1800);
      expect(harmless.problems).toEqual([]);
      expect(harmless.pairs.length).toBe(1800);
      expect(harmless.pairs.filter((pair) => pair.chosen === "").map((pair) => pair.where)).toEqual([
        "hh-rlhf/harmless-base/pairs.jsonl:65",
        expect.stringMatching(/^hh-rlhf\/harmless-base\/pairs\.jsonl:\d+$/),
      ]);
      const helpful = await readSet("hh-rlhf/helpful-base/test.jsonl.gz");
      expect(helpful.pairs.filter((pair) => pair.rejected === "").length).toBe(4);
      expect(helpful.pairs.length).toBe(2354 - 2);
    });

    it("Auto-J: label 0 = response 1, 1 = response 2, 2 = tie (0-based)", async () => {
      const autoJ = await readSet("auto-j/testdata_pairwise.jsonl");
      expect(autoJ.rows).toBe(1392);
      expect(count(autoJ, "tie")).toBe(373);
      // 1019 decisive; one has an empty response and one identical responses.
      expect(autoJ.pairs.length + count(autoJ, "invalid") + count(autoJ, "identical")).toBe(1019);
      const row = autoJ.pairs[0]?.row as Record<string, unknown>;
      expect(autoJ.pairs[0]?.chosen).toBe(row.label === 0 ? row["response 1"] : row["response 2"]);
    });

    it("PandaLM: the three annotators' majority decides; agreement becomes a soft target", async () => {
      const panda = await readSet("pandalm/testset-v1.json");
      expect(panda.rows).toBe(999);
      expect(count(panda, "tie")).toBe(105);
      expect(panda.pairs.length + count(panda, "invalid")).toBe(422 + 472);
      expect(new Set(panda.pairs.map((pair) => pair.target))).toEqual(new Set([2 / 3, 1]));
    });

    it("AlpacaEval: 1/2 decide, 0 and 1.5 mark identical outputs, null failed", async () => {
      const alpaca = await readSet("alpaca_eval/text_davinci_001/alpaca_eval_gpt4/annotations.json");
      expect(alpaca.rows).toBe(805);
      expect(count(alpaca, "identical")).toBe(20);
      expect(count(alpaca, "failed")).toBe(1);
      expect(alpaca.pairs.length + count(alpaca, "invalid")).toBe(672 + 112);
    });

    it("GSM8K example solutions: every correct solution against every incorrect one of the same question", async () => {
      const gsm = await readSet("gsm8k/example_model_solutions.jsonl");
      expect(gsm.rows).toBe(1319);
      expect(gsm.pairs.length).toBeGreaterThan(2000);
      const [pair] = gsm.pairs;
      const solutions = Object.values(pair?.row as Record<string, unknown>).filter(
        (value): value is { is_correct: boolean; solution: string } =>
          typeof value === "object" && value !== null && "is_correct" in value,
      );
      expect(solutions.find((solution) => solution.solution === pair?.chosen)?.is_correct).toBe(true);
      expect(solutions.find((solution) => solution.solution === pair?.rejected)?.is_correct).toBe(false);
    });
  },
);
