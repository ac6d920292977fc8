import { mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCli } from "./helpers/cli.js";
import { startPrmServer } from "./helpers/prm-server.js";
import { hasSharedData, sharedDataPath } from "./helpers/shared-data.js";

interface Solution {
  id: string;
  problem: string;
  steps: string[];
  label: number;
}
interface Figures {
  subsets: Record<
    string,
    {
      n: number;
      erroneous_accuracy: number;
      correct_accuracy: number;
      f1: number;
      erroneous_n: number;
      correct_n: number;
    }
  >;
  average_f1: number;
  evaluated: number;
  missing: number;
  mismatched: number;
  problems: number;
}

const subsets = ["gsm8k", "math", "olympiadbench", "omnimath"];
// Erroneous / correct counts of ProcessBench (the paper's Table 1, and shared/data's README).
const counts: Record<string, [number, number]> = {
  gsm8k: [207, 193],
  math: [594, 406],
  olympiadbench: [661, 339],
  omnimath: [759, 241],
};
const haveData = hasSharedData("processbench", "gsm8k.json");
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "rewardkit-eval-prm-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function solutionsOf(subset: string): Promise<Solution[]> {
  return JSON.parse(await readFile(sharedDataPath("processbench", `${subset}.json`), "utf8")) as Solution[];
}

/** A "PRM" built from the labels: right (1) before the first error, wrong (0) from it on. */
function oracleScores(solution: Solution): number[] {
  return solution.steps.map((_, step) => (solution.label === -1 || step < solution.label ? 1 : 0));
}

async function writeJsonl(name: string, rows: unknown[]): Promise<string> {
  const file = join(dir, name);
  await writeFile(file, rows.map((row) => JSON.stringify(row)).join("\n"));
  return file;
}

describe.runIf(haveData)("eval-prm on ProcessBench (all four subsets)", () => {
  it("an oracle PRM from the labels scores F1 100 everywhere; subset counts are ProcessBench's", async () => {
    const rows: unknown[] = [];
    for (const subset of subsets) {
      for (const solution of await solutionsOf(subset))
        rows.push({ id: solution.id, step_scores: oracleScores(solution) });
    }
    const scores = await writeJsonl("oracle.jsonl", rows);
    const run = await runCli([
      "eval-prm",
      "--data",
      sharedDataPath("processbench"),
      "--scores",
      scores,
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const figures = JSON.parse(run.stdout) as Figures;
    expect(Object.keys(figures.subsets).sort()).toEqual([...subsets].sort());
    for (const subset of subsets) {
      const [erroneous, correct] = counts[subset] as [number, number];
      expect(figures.subsets[subset]).toMatchObject({
        erroneous_n: erroneous,
        correct_n: correct,
        erroneous_accuracy: 100,
        correct_accuracy: 100,
        f1: 100,
      });
    }
    expect(figures.average_f1).toBe(100);
    expect(figures.evaluated).toBe(3400);
    expect(figures.missing).toBe(0);
  });

  it("a PRM that never finds an error: correct 100, erroneous 0, F1 0", async () => {
    const rows: unknown[] = [];
    for (const subset of subsets) {
      for (const solution of await solutionsOf(subset)) rows.push({ id: solution.id, prediction: -1 });
    }
    const scores = await writeJsonl("naive.jsonl", rows);
    const run = await runCli([
      "eval-prm",
      "--data",
      sharedDataPath("processbench"),
      "--scores",
      scores,
      "--json",
    ]);
    expect(run.code, run.stderr).toBe(0);
    const figures = JSON.parse(run.stdout) as Figures;
    for (const subset of subsets) {
      expect(figures.subsets[subset]).toMatchObject({ correct_accuracy: 100, erroneous_accuracy: 0, f1: 0 });
    }
    expect(figures.average_f1).toBe(0);
  });

  it("a PRM that flags every error one step late scores 0 on erroneous solutions", async () => {
    // Shifting each error by one step: an erroneous solution is never matched (its prediction is label+1
    // or -1 when the error is the last step), so erroneous accuracy is 0 while correct accuracy stays 100.
    const solutions = await solutionsOf("gsm8k");
    const rows = solutions.map((solution) => ({
      id: solution.id,
      step_scores: solution.steps.map((_, step) =>
        solution.label === -1 || step < solution.label + 1 ? 0.9 : 0.2,
      ),
    }));
    const scores = await writeJsonl("late.jsonl", rows);
    const run = await runCli([
      "eval-prm",
      "--data",
      sharedDataPath("processbench", "gsm8k.json"),
      "--scores",
      scores,
      "--json",
    ]);
    const figures = JSON.parse(run.stdout) as Figures;
    expect(figures.subsets.gsm8k).toMatchObject({ erroneous_accuracy: 0, correct_accuracy: 100, f1: 0 });
  });

  it("asks a PRM endpoint (vLLM /pooling with a step pooler) and gets F1 100 from an oracle server", async () => {
    const solutions = await solutionsOf("gsm8k");
    const tag = "<extra_0>";
    const labelOf = new Map(
      solutions.map((solution) => [
        `${solution.problem}\n\n${solution.steps.map((step) => `${step}${tag}`).join("")}`,
        solution.label,
      ]),
    );
    const server = await startPrmServer({
      stepTag: tag,
      judge: (_step, { query, index }) => {
        const label = labelOf.get(query);
        if (label === undefined) throw new Error("unknown query");
        return label === -1 || index < label ? 0.95 : 0.05;
      },
    });
    try {
      const run = await runCli([
        "eval-prm",
        "--data",
        sharedDataPath("processbench", "gsm8k.json"),
        "--url",
        `${server.url}/pooling`,
        "--protocol",
        "vllm_pooling",
        "--model",
        "oracle",
        "--step-tag",
        tag,
        "--batch-size",
        "50",
        "--json",
      ]);
      expect(run.code, run.stderr).toBe(0);
      const figures = JSON.parse(run.stdout) as Figures;
      expect(figures.subsets.gsm8k).toMatchObject({ n: 400, f1: 100 });
      expect(server.requests).toHaveLength(8);
    } finally {
      await server.close();
    }
  });
});

describe("eval-prm on hand cases", () => {
  const data = [
    { id: "a", problem: "p", steps: ["s0", "s1", "s2"], label: -1 },
    { id: "b", problem: "p", steps: ["s0", "s1", "s2"], label: -1 },
    { id: "c", problem: "p", steps: ["s0", "s1", "s2"], label: 2 },
    { id: "d", problem: "p", steps: ["s0", "s1"], label: 0 },
    { id: "e", problem: "p", steps: ["s0", "s1"], label: 1 },
  ];
  const verdicts = [
    { id: "a", step_scores: [0.9, 0.8, 0.7] }, // -1: right
    { id: "b", step_scores: [0.9, 0.8, 0.4] }, // 2 at 0.5 (wrong); -1 at 0.3 (right)
    { id: "c", step_scores: [0.9, 0.6, 0.2] }, // 2: right at both thresholds
    { id: "d", step_scores: [0.45, 0.1] }, // 0 at 0.5 (right); 1 at 0.3 (wrong)
    { id: "e", prediction: -1 }, // a critic's answer: missed
  ];

  it("computes the worked numbers at two thresholds", async () => {
    const dataFile = await writeJsonl("hand.jsonl", data);
    const scores = await writeJsonl("hand-scores.jsonl", verdicts);
    const at = async (threshold: string) => {
      const run = await runCli([
        "eval-prm",
        "--data",
        dataFile,
        "--scores",
        scores,
        "--threshold",
        threshold,
        "--json",
      ]);
      expect(run.code, run.stderr).toBe(0);
      return (JSON.parse(run.stdout) as Figures).subsets.hand;
    };
    // 0.5: correct 1/2 = 50; erroneous c, d right, e wrong = 66.7; F1 = 2·50·66.7/116.7 = 57.14.
    const half = await at("0.5");
    expect(half?.correct_accuracy).toBe(50);
    expect(half?.erroneous_accuracy).toBeCloseTo(200 / 3, 10);
    expect(half?.f1).toBeCloseTo(400 / 7, 10);
    // 0.3: correct 2/2 = 100; erroneous only c right = 33.3; F1 = 50.
    const low = await at("0.3");
    expect(low).toMatchObject({ correct_accuracy: 100, f1: 50 });
  });

  it("reports missing verdicts, wrong step counts and bad rows, and prints a table without --json", async () => {
    const dataFile = await writeJsonl("partial.jsonl", [...data, { id: "f", steps: [], label: 0 }]);
    const scores = await writeJsonl("partial-scores.jsonl", [
      { id: "a", step_scores: [0.9, 0.8] },
      { id: "c", step_scores: [0.9, 0.6, 0.2] },
      { id: "d", step_scores: "high" },
    ]);
    const run = await runCli(["eval-prm", "--data", dataFile, "--scores", scores]);
    expect(run.code, run.stderr).toBe(0);
    expect(run.stderr).toMatch(/partial\.jsonl:line 6: steps: expected a non-empty list/);
    expect(run.stderr).toMatch(/partial-scores\.jsonl:line 3: expected step_scores/);
    expect(run.stderr).toMatch(/3 solutions have no verdict/);
    expect(run.stderr).toMatch(/1 verdicts have the wrong number of step scores.*a \(2 scores for 3 steps\)/);
    expect(run.stdout).toMatch(/partial\s+1\s+100\.0\s+n\/a\s+n\/a/);
  });

  it("exits 2 on bad usage and 3 when nothing could be evaluated", async () => {
    const dataFile = await writeJsonl("usage.jsonl", data);
    const both = await runCli([
      "eval-prm",
      "--data",
      dataFile,
      "--scores",
      dataFile,
      "--url",
      "http://127.0.0.1:9/x",
    ]);
    expect(both.code).toBe(2);
    expect(both.stderr).toMatch(/exactly one of --scores/);
    const none = await writeJsonl("none.jsonl", [{ id: "zzz", prediction: 0 }]);
    const empty = await runCli(["eval-prm", "--data", dataFile, "--scores", none, "--json"]);
    expect(empty.code).toBe(3);
    expect(empty.stderr).toMatch(/no solution could be evaluated/);
  });
});
