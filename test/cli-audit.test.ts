import { mkdtemp, readFile, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { lastUserMessage, type OpenAIServer, startOpenAIServer } from "../src/testing/index.js";
import { parseJsonl, runCli } from "./helpers/cli.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";

// Issue 15 §2 and the contract's "rewardkit audit": any spec against labelled rows.
let folder: string;
let server: OpenAIServer;
const jsonl = (values: readonly unknown[]) => values.map((value) => `${JSON.stringify(value)}\n`).join("");
const models = ["6b_finetuning", "6b_verification", "175b_finetuning", "175b_verification"] as const;

interface Figures {
  n: number;
  accuracy: number | null;
  false_positives: number;
  false_negatives: number;
  false_positive_rate: number | null;
  false_negative_rate: number | null;
  errors: number;
  errors_by_code: Record<string, number>;
  unlabelled: number;
  by?: {
    field: string;
    groups: Array<{ group: string; n: number; errors: number; false_positives: number }>;
  };
  examples: Record<
    "false_positives" | "false_negatives" | "errors",
    Array<{ row: string; reason?: string; error?: { code: string } }>
  >;
  unusable?: string;
}

async function spec(name: string, reward: Record<string, unknown>): Promise<string> {
  const file = join(folder, `${name}.json`);
  await writeFile(file, JSON.stringify({ version: 1, reward }));
  return file;
}

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), "rewardkit-audit-"));
  // A judge that is right about odd answers and wrong about even ones, and cannot rate "garbled".
  server = await startOpenAIServer({
    reply: (request) => {
      const user = lastUserMessage(request);
      if (user.includes("garbled")) return "This response is unreadable.";
      const answer = /The answer is (\d+)/.exec(user);
      const value = Number(answer?.[1]);
      const sum = /(\d)\+(\d)\?/.exec(user);
      const right = value === Number(sum?.[1]) + Number(sum?.[2]);
      return Number.isFinite(value) && (value % 2 === 0 ? !right : right)
        ? "Good. Score: 9"
        : "Bad. Score: 2";
    },
  });
});
afterAll(async () => {
  await server.close();
});

describe("rewardkit audit on GSM8K's labelled solutions", () => {
  it("math agrees with every label; a loose rule's disagreements are counted exactly, per model", async () => {
    if (!hasSharedData("gsm8k/example_model_solutions.jsonl")) return;
    const text = await readFile(sharedDataPath("gsm8k/example_model_solutions.jsonl"), "utf8");
    const rows = text
      .trim()
      .split("\n")
      .flatMap((line, index) => {
        const row = JSON.parse(line) as Record<string, unknown>;
        return models.map((model) => {
          const answer = row[model] as { solution: string; is_correct: boolean };
          return {
            id: `q${index + 1}/${model}`,
            prompt: row.question,
            completion: answer.solution,
            reference: row.ground_truth,
            meta: { model, is_correct: answer.is_correct },
          };
        });
      });
    expect(rows).toHaveLength(5276);
    const input = join(folder, "gsm8k.jsonl");
    await writeFile(input, jsonl(rows));
    const math = await runCli([
      "audit",
      "--spec",
      await spec("math", { type: "math" }),
      "--input",
      input,
      "--label",
      "meta.is_correct",
      "--by",
      "meta.model",
      "--json",
      "--no-progress",
    ]);
    expect(math.code).toBe(0);
    const figures = JSON.parse(math.stdout) as Figures;
    expect(figures).toMatchObject({
      n: 5276,
      accuracy: 1,
      false_positives: 0,
      false_negatives: 0,
      errors: 0,
    });
    expect(figures.by?.groups.map((group) => [group.group, group.n])).toEqual(
      [...models].sort().map((model) => [model, 1319]),
    );

    // A rule that accepts any solution mentioning the gold number: its false positives are the
    // wrong solutions that mention it somewhere (counted here independently of rewardkit).
    const gold = (reference: string) => /A:\s*(-?[\d,.]+)\s*$/.exec(reference.trim())?.[1] as string;
    const mentions = String.raw`export default (sample) => {
  const gold = /A:\s*(-?[\d,.]+)\s*$/.exec(String(sample.reference).trim())[1];
  return new RegExp("(^|[^\\d])" + gold.replace(/[.]/g, "\\.") + "([^\\d]|$)").test(sample.completion) ? 1 : 0;
};
`;
    await writeFile(join(folder, "mentions.mjs"), mentions);
    let falsePositives = 0;
    let falseNegatives = 0;
    for (const row of rows) {
      const value = gold(String(row.reference)).replace(/[.]/g, "\\.");
      const accepted = new RegExp(`(^|[^\\d])${value}([^\\d]|$)`).test(row.completion);
      if (accepted && !row.meta.is_correct) falsePositives++;
      if (!accepted && row.meta.is_correct) falseNegatives++;
    }
    expect(falsePositives).toBeGreaterThan(10);
    const loose = await runCli([
      "audit",
      "--spec",
      await spec("mentions", { type: "module", path: "mentions.mjs" }),
      "--input",
      input,
      "--label",
      "meta.is_correct",
      "--json",
      "--examples",
      "2",
      "--no-progress",
    ]);
    expect(loose.code).toBe(0);
    const looseFigures = JSON.parse(loose.stdout) as Figures;
    expect(looseFigures.false_positives).toBe(falsePositives);
    expect(looseFigures.false_negatives).toBe(falseNegatives);
    expect(looseFigures.false_positive_rate).toBeCloseTo(falsePositives / 3275, 12);
    expect(looseFigures.accuracy).toBeCloseTo((5276 - falsePositives - falseNegatives) / 5276, 12);
    expect(looseFigures.examples.false_positives).toHaveLength(2);
    expect(looseFigures.examples.false_positives[0]?.row).toMatch(/^id "q\d+\/\w+"$/);
  });

  it("--map audits one model's column of the original file as it is", async () => {
    if (!hasSharedData("gsm8k/example_model_solutions.jsonl")) return;
    const run = await runCli([
      "audit",
      "--spec",
      await spec("math-map", { type: "math" }),
      "--input",
      sharedDataPath("gsm8k/example_model_solutions.jsonl"),
      "--map",
      "completion=6b_finetuning.solution,reference=ground_truth",
      "--label",
      "6b_finetuning.is_correct",
      "--no-progress",
    ]);
    expect(run.code).toBe(0);
    expect(run.stdout).toContain("rows compared          1319");
    expect(run.stdout).toMatch(/accuracy\s+100\.00%/);
  });
});

describe("rewardkit audit with a judge (real local OpenAI-compatible server)", () => {
  const rows = [
    { id: "a", prompt: "1+2?", completion: "The answer is 3", reference: "3", ok: true },
    { id: "b", prompt: "1+2?", completion: "The answer is 5", reference: "3", ok: false },
    { id: "c", prompt: "2+2?", completion: "The answer is 4", reference: "4", ok: 1 },
    { id: "d", prompt: "2+2?", completion: "The answer is 6", reference: "4", ok: 0 },
    { id: "e", prompt: "3+3?", completion: "The answer is 8", reference: "6", ok: "false" },
    { id: "f", prompt: "3+3?", completion: "garbled", reference: "6", ok: false },
    { id: "g", prompt: "3+3?", completion: "The answer is 6", reference: "6", ok: "maybe" },
  ];

  it("counts the judge's false positives and negatives, keeps errors apart, and shows the judge's reasons", async () => {
    const input = join(folder, "judged.jsonl");
    await writeFile(input, jsonl(rows));
    const judge = await spec("judge", { type: "judge", url: server.url, model: "judge", retries: 0 });
    const json = await runCli(["audit", "--spec", judge, "--input", input, "--label", "ok", "--json"]);
    expect(json.code).toBe(0);
    const figures = JSON.parse(json.stdout) as Figures;
    // a: odd and right → 9 (TP); b: odd, wrong → 2 (TN); c: even, right → 2 (FN);
    // d, e: even, wrong → 9 (FP); f: no score (error); g: no usable label.
    expect(figures).toMatchObject({
      n: 5,
      false_positives: 2,
      false_negatives: 1,
      errors: 1,
      errors_by_code: { PARSE_FAILED: 1 },
      unlabelled: 1,
    });
    expect(figures.accuracy).toBeCloseTo(2 / 5, 12);
    expect(figures.false_positive_rate).toBeCloseTo(2 / 3, 12);
    expect(figures.false_negative_rate).toBeCloseTo(1 / 2, 12);
    expect(figures.examples.false_negatives[0]).toMatchObject({ row: 'id "c"', reason: "Bad. Score: 2" });
    expect(figures.examples.errors[0]).toMatchObject({ row: 'id "f"', error: { code: "PARSE_FAILED" } });
    expect(json.stderr).toContain(
      '1 row without a usable --label ok (left out): id "g": "maybe" is not true/false',
    );

    const table = await runCli([
      "audit",
      "--spec",
      judge,
      "--input",
      input,
      "--label",
      "ok",
      "--threshold",
      "0.9",
    ]);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain("reward >= 0.9 against ok");
    expect(table.stdout).toMatch(/false negatives\s+2/);
    expect(table.stdout).toMatch(/errors\s+1 \(PARSE_FAILED 1\)\s+\(not counted as verdicts\)/);
    expect(table.stdout).toContain('id "f": reward 0, label false\n    error: PARSE_FAILED');
  });
});

describe("rewardkit audit follows the exit-code contract", () => {
  it("exit 2 on bad flags, a missing --label, and an output that is the input", async () => {
    const input = join(folder, "small.jsonl");
    await writeFile(input, jsonl([{ completion: "4", reference: "4", ok: true }]));
    const math = await spec("small-math", { type: "math" });
    const threshold = await runCli([
      "audit",
      "--spec",
      math,
      "--input",
      input,
      "--label",
      "ok",
      "--threshold",
      "x",
    ]);
    expect(threshold.code).toBe(2);
    expect(threshold.stderr).toBe('rewardkit: --threshold: expected a number, got "x"\n');
    const missing = await runCli(["audit", "--spec", math, "--input", input]);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("--label");
    const same = await runCli([
      "audit",
      "--spec",
      math,
      "--input",
      input,
      "--label",
      "ok",
      "--output",
      input,
    ]);
    expect(same.code).toBe(2);
    expect(same.stderr).toMatch(/--output .* is the same file as --input/);
  });

  it("exit 3 when no row carries the label, when every row errors, or above --max-error-fraction", async () => {
    const input = join(folder, "three.jsonl");
    await writeFile(
      input,
      jsonl([
        { completion: "4", reference: "4", ok: true },
        { completion: "5", reference: "4", ok: false },
        { completion: "garbled", reference: "4", ok: false },
      ]),
    );
    const math = await spec("three-math", { type: "math" });
    const misspelt = await runCli(["audit", "--spec", math, "--input", input, "--label", "is_ok", "--json"]);
    expect(misspelt.code).toBe(3);
    expect(misspelt.stderr).toContain("3 rows without a usable --label is_ok (left out): row 1: no field");
    expect((JSON.parse(misspelt.stdout) as Figures).unusable).toMatch(/every row failed/);
    const judge = await spec("three-judge", { type: "judge", url: server.url, model: "judge", retries: 0 });
    const fraction = await runCli([
      "audit",
      "--spec",
      judge,
      "--input",
      input,
      "--label",
      "ok",
      "--max-error-fraction",
      "0.2",
      "--output",
      join(folder, "three-scored.jsonl"),
    ]);
    expect(fraction.code).toBe(3);
    expect(fraction.stderr).toMatch(/nothing usable \(exit 3\): 1 errored \(PARSE_FAILED 1\) of 3 rows/);
    const kept = parseJsonl(await readFile(join(folder, "three-scored.jsonl"), "utf8"));
    expect(kept.map((row) => typeof row.reward)).toEqual(["number", "number", "number"]);
    await writeFile(join(folder, "empty.jsonl"), "");
    const empty = await runCli([
      "audit",
      "--spec",
      math,
      "--input",
      join(folder, "empty.jsonl"),
      "--label",
      "ok",
    ]);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toContain("nothing usable (exit 3): no row was read");
  });
});
