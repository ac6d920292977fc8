import { readFileSync } from "node:fs";
import { mkdtemp, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import type { RewardResult, Sample } from "../src/core/index.js";
import { loadSpec } from "../src/engine/index.js";
import { makeSample, testContext } from "../src/testing/index.js";
import { asPython, type GroundTruth, goldCalls } from "./helpers/bfcl.js";
import { parseJsonl, repoRoot, runCli } from "./helpers/cli.js";
import { hasSharedData, readSharedJsonl, sharedDataPath } from "./helpers/shared-data.js";

/** The `# recipe: name` YAML blocks of docs/recipes/verifiable.md. */
function recipes(): Map<string, string> {
  const page = readFileSync(join(repoRoot, "docs/recipes/verifiable.md"), "utf8");
  const found = new Map<string, string>();
  for (const block of page.matchAll(/```yaml\n([\s\S]*?)```/g)) {
    const text = block[1] as string;
    const name = /^# recipe: ([\w-]+)/.exec(text)?.[1];
    if (name) found.set(name, text);
  }
  return found;
}

const all = recipes();

/** Scores samples with a recipe's spec as the page writes it. */
async function scoreRecipe(name: string, samples: readonly Sample[]): Promise<RewardResult[]> {
  const text = all.get(name);
  if (!text) throw new Error(`docs/recipes/verifiable.md has no recipe "${name}"`);
  const loaded = await loadSpec(parse(text), { baseDir: repoRoot });
  try {
    return await loaded.reward.score(samples, testContext());
  } finally {
    await loaded.close();
  }
}

/** How many results have each score, most common first. */
function tally(results: readonly RewardResult[]): Array<[number, number]> {
  const counts = new Map<number, number>();
  for (const result of results) counts.set(result.score, (counts.get(result.score) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

const scores = (results: readonly RewardResult[]) => results.map((result) => result.score);

/** Every recipe on the page is scored by one of the tests below (a new recipe needs one too). */
const scored = [
  "gsm8k",
  "math",
  "r1",
  "r1-gated",
  "choice",
  "chart",
  "json",
  "toolrl",
  "bfcl",
  "router-r1",
  "carl",
  "mixed-r1-grounding",
  "mixed-r1-open-ended",
  "dragon",
  "par-length",
];

describe("docs/recipes/verifiable.md", () => {
  it("holds only recipes that are valid specs, each of them scored below", async () => {
    expect([...all.keys()].sort()).toEqual([...scored].sort());
    for (const [name, text] of all) {
      const loaded = await loadSpec(parse(text), { baseDir: repoRoot }).catch((error: Error) => {
        throw new Error(`recipe ${name}: ${error.message}`);
      });
      await loaded.close();
    }
  });

  it.skipIf(!hasSharedData("gsm8k/example_model_solutions.jsonl"))(
    "gsm8k: through the CLI on OpenAI's 1319 labelled solutions, matching every label",
    async () => {
      const folder = await mkdtemp(join(tmpdir(), "rewardkit-recipe-"));
      await writeFile(join(folder, "gsm8k.yaml"), all.get("gsm8k") as string);
      const input = sharedDataPath("gsm8k/example_model_solutions.jsonl");
      const run = await runCli([
        "score",
        "--spec",
        join(folder, "gsm8k.yaml"),
        "--input",
        input,
        "--map",
        "completion=175b_verification.solution,reference=ground_truth",
        "--no-progress",
      ]);
      expect(run.code).toBe(0);
      const rows = parseJsonl(run.stdout);
      expect(rows.length).toBe(1319);
      const labels = readSharedJsonl<{ "175b_verification": { is_correct: boolean } }>(
        "gsm8k/example_model_solutions.jsonl",
      ).map((row) => row["175b_verification"].is_correct);
      expect(rows.map((row) => row.reward === 1)).toEqual(labels);
      expect(String(rows[0]?.reason)).toMatch(/^extracted ".+" from /);
    },
  );

  it.skipIf(!hasSharedData("math500/test.jsonl"))(
    "math: MATH-500's 500 reference solutions score 1 against their answers, and 0 against the next problem's",
    async () => {
      const rows = readSharedJsonl<{ problem: string; solution: string; answer: string }>(
        "math500/test.jsonl",
      );
      const own = await scoreRecipe(
        "math",
        rows.map((row) =>
          makeSample({ prompt: row.problem, completion: row.solution, reference: row.answer }),
        ),
      );
      expect(tally(own)).toEqual([[1, 500]]);
      const shifted = await scoreRecipe(
        "math",
        rows.map((row, index) =>
          makeSample({
            prompt: row.problem,
            completion: row.solution,
            reference: (rows[(index + 1) % rows.length] as { answer: string }).answer,
          }),
        ),
      );
      // Three neighbouring problems share an answer.
      expect(tally(shifted)).toEqual([
        [0, 497],
        [1, 3],
      ]);
    },
  );

  describe.skipIf(!hasSharedData("gsm8k/test.jsonl"))(
    "R1-style recipes on GSM8K's 1319 test problems",
    () => {
      const rows = readSharedJsonl<{ answer: string }>("gsm8k/test.jsonl");
      /** GSM8K's own solution in R1's layout, its final answer moved by `offset`. */
      const formatted = (offset: number) =>
        rows.map((row) => {
          const [reasoning, final] = row.answer.split("####") as [string, string];
          const answer = Number(final.trim().replaceAll(",", "")) + offset;
          return makeSample({
            completion: `<think>${reasoning.trim()}</think>\n<answer>${answer}</answer>`,
            reference: row.answer,
          });
        });
      const bare = () =>
        rows.map((row) =>
          makeSample({ completion: (row.answer.split("####")[1] as string).trim(), reference: row.answer }),
        );

      it("r1: 0.2 for the layout plus 1 for the right answer", async () => {
        expect(tally(await scoreRecipe("r1", formatted(0)))).toEqual([[1.2, 1319]]);
        expect(tally(await scoreRecipe("r1", formatted(1)))).toEqual([[0.2, 1319]]);
        expect(tally(await scoreRecipe("r1", bare()))).toEqual([[1, 1319]]);
        const results = await scoreRecipe("r1", [
          makeSample({ completion: "<think>9*2</think>\n<answer>18</answer>", reference: "#### 18" }),
        ]);
        expect(results[0]?.components).toEqual({ format: 1, correct: 1 });
      });

      it("r1-gated: only well-formed answers are checked, so a right answer without the layout scores 0", async () => {
        expect(tally(await scoreRecipe("r1-gated", formatted(0)))).toEqual([[1, 1319]]);
        expect(tally(await scoreRecipe("r1-gated", formatted(1)))).toEqual([[0, 1319]]);
        expect(tally(await scoreRecipe("r1-gated", bare()))).toEqual([[0, 1319]]);
      });
    },
  );

  it("choice: the letter however it is written, and only the right one", async () => {
    const written = ["(B)", "B.", "answer: b", "\\boxed{B}", "The answer is B"];
    const right = await scoreRecipe(
      "choice",
      written.map((completion) => makeSample({ completion, reference: "B" })),
    );
    expect(scores(right)).toEqual([1, 1, 1, 1, 1]);
    const wrong = await scoreRecipe(
      "choice",
      ["(C)", "A.", "answer: d"].map((completion) => makeSample({ completion, reference: "B" })),
    );
    expect(scores(wrong)).toEqual([0, 0, 0]);
  });

  it("chart: chart QA's 5% relaxed accuracy", async () => {
    const results = await scoreRecipe(
      "chart",
      ["104", "96.2", "105.1", "80", "about 100"].map((completion) =>
        makeSample({ completion, reference: "100" }),
      ),
    );
    expect(scores(results)).toEqual([1, 1, 0, 0, 1]);
  });

  it("json: the share of top-level properties without errors", async () => {
    const results = await scoreRecipe(
      "json",
      [
        '{"name": "Ada", "age": 36}',
        '{"name": "Ada", "age": -1}',
        '{"name": 7, "age": "old"}',
        "not json",
      ].map((completion) => makeSample({ completion })),
    );
    expect(scores(results)).toEqual([1, 0.5, 0, 0]);
  });

  it.skipIf(!hasSharedData("toolrl/test.jsonl"))(
    "toolrl: ToolRL's 80 gold outputs score high through the CLI, another row's output low",
    async () => {
      const folder = await mkdtemp(join(tmpdir(), "rewardkit-recipe-"));
      await writeFile(join(folder, "toolrl.yaml"), all.get("toolrl") as string);
      const run = await runCli([
        "score",
        "--spec",
        join(folder, "toolrl.yaml"),
        "--input",
        sharedDataPath("toolrl/test.jsonl"),
        "--map",
        "completion=reward_model.ground_truth,reference=reward_model.ground_truth",
        "--no-progress",
      ]);
      expect(run.code).toBe(0);
      const rows = parseJsonl(run.stdout);
      expect(rows.length).toBe(80);
      // Format 1 + correctness 3 = 4; the 9 gold outputs that are chat answers, not calls, score 1.
      expect(rows.filter((row) => row.reward === 4).length).toBe(71);
      expect(rows.filter((row) => row.reward === 1).length).toBe(9);
      const gold = readSharedJsonl<{ reward_model: { ground_truth: string } }>("toolrl/test.jsonl").map(
        (row) => row.reward_model.ground_truth,
      );
      const other = await scoreRecipe(
        "toolrl",
        gold.map((reference, index) =>
          makeSample({ completion: gold[(index + 1) % gold.length] as string, reference }),
        ),
      );
      expect(tally(other)).toEqual([
        [-2, 63],
        [-3, 8],
        [0, 8],
        [1, 1],
      ]);
    },
  );

  it.skipIf(!hasSharedData("bfcl/possible_answer/BFCL_v4_simple_python.json"))(
    "bfcl: BFCL's 400 simple_python gold calls, written as Python, score 1; another problem's call 0",
    async () => {
      const answers = readSharedJsonl<{ ground_truth: GroundTruth }>(
        "bfcl/possible_answer/BFCL_v4_simple_python.json",
      );
      const gold = answers.map((answer) => asPython(goldCalls(answer.ground_truth)));
      const own = await scoreRecipe(
        "bfcl",
        answers.map((answer, index) =>
          makeSample({ completion: gold[index] as string, reference: answer.ground_truth }),
        ),
      );
      expect(tally(own)).toEqual([[1, 400]]);
      const other = await scoreRecipe(
        "bfcl",
        answers.map((answer, index) =>
          makeSample({
            completion: gold[(index + 1) % gold.length] as string,
            reference: answer.ground_truth,
          }),
        ),
      );
      expect(Math.max(...scores(other))).toBeLessThan(0.5);
    },
  );

  it("router-r1: −1 for a bad layout, 0 for a wrong answer, and a right answer is worth more when it was cheaper", async () => {
    const answer = (text: string) => `<think>which model?</think><answer>${text}</answer>`;
    const results = await scoreRecipe("router-r1", [
      makeSample({ completion: answer("Paris"), reference: "Paris", meta: { cost: 0.001 } }),
      makeSample({ completion: answer("Paris"), reference: "Paris", meta: { cost: 0.05 } }),
      makeSample({ completion: answer("Lyon"), reference: "Paris", meta: { cost: 0.001 } }),
      makeSample({ completion: "Paris", reference: "Paris", meta: { cost: 0.001 } }),
    ]);
    const [cheap, dear, wrong, unformatted] = scores(results) as [number, number, number, number];
    expect(cheap).toBeGreaterThan(dear);
    expect(dear).toBeGreaterThanOrEqual(0.1);
    expect(wrong).toBe(0);
    expect(unformatted).toBe(-1);
  });

  it("carl: route progress times the infraction factors, minus a collision", async () => {
    const drive = (meta: Record<string, unknown>) =>
      makeSample({
        meta: {
          route_progress_delta: 0.8,
          speed_over_limit: 0,
          ttc_active: false,
          comfort_violations: 0,
          off_centre_too_long: false,
          ...meta,
        },
      });
    const results = await scoreRecipe("carl", [
      drive({}),
      drive({ speed_over_limit: 1.115 }),
      drive({ ttc_active: true, off_centre_too_long: true }),
      drive({ comfort_violations: 6 }),
      drive({ collision: 1 }),
    ]);
    const [clean, speeding, twoSteps, uncomfortable, collided] = scores(results) as number[];
    expect(clean).toBeCloseTo(0.8, 10);
    expect(speeding).toBeCloseTo(0.8 * 0.5, 10);
    expect(twoSteps).toBeCloseTo(0.8 * 0.25, 10);
    expect(uncomfortable).toBeCloseTo(0.8 * 0.5, 10);
    expect(collided).toBeCloseTo(0.8 - 1, 10);
  });

  it("mixed-r1-grounding: the layout plus the box's IoU with the reference", async () => {
    const box = (text: string) => `<think>the cat is on the left</think><answer>${text}</answer>`;
    const results = await scoreRecipe("mixed-r1-grounding", [
      makeSample({ completion: box("[0, 0, 10, 10]"), reference: [0, 0, 10, 10] }),
      makeSample({ completion: box("[0, 0, 10, 5]"), reference: [0, 0, 10, 10] }),
      makeSample({ completion: box("[20, 20, 30, 30]"), reference: [0, 0, 10, 10] }),
    ]);
    expect(scores(results)).toEqual([2, 1.5, 1]);
  });

  it("mixed-r1-open-ended: the layout plus BMAS similarity, higher for the reference's words than for others", async () => {
    const reply = (text: string) => `<think>describe it</think><answer>${text}</answer>`;
    const reference = "A small dog runs across the green park after a red ball.";
    const results = await scoreRecipe("mixed-r1-open-ended", [
      makeSample({ completion: reply(reference), reference }),
      makeSample({ completion: reply("A little dog is running through the park after a ball."), reference }),
      makeSample({ completion: reply("Quarterly revenue fell by four percent."), reference }),
    ]);
    const [same, paraphrase, unrelated] = scores(results) as [number, number, number];
    expect(same).toBeCloseTo(2, 6);
    expect(paraphrase).toBeGreaterThan(unrelated + 0.2);
    expect(unrelated).toBeGreaterThanOrEqual(1);
    expect(unrelated).toBeLessThan(1.6);
  });

  it("dragon: within a group, samples like the exemplars get a larger share of the set reward", async () => {
    const group = "g";
    const results = await scoreRecipe("dragon", [
      makeSample({ group, completion: "A calm, precise explanation with one worked example." }),
      makeSample({ group, completion: "A short answer that states the result first, then the reason." }),
      makeSample({ group, completion: "lol whatever dude!!! 🙃🙃🙃" }),
      makeSample({ group, completion: "BUY NOW limited offer click here" }),
    ]);
    const [calm, short, noise, spam] = scores(results) as [number, number, number, number];
    expect(Math.min(calm, short)).toBeGreaterThan(Math.max(noise, spam));
  });

  it("par-length: the answer's reward minus 0.01 per token beyond 300", async () => {
    const results = await scoreRecipe("par-length", [
      makeSample({ completion: "#### 18", reference: "18", meta: { completion_tokens: 120 } }),
      makeSample({ completion: "#### 18", reference: "18", meta: { completion_tokens: 420 } }),
      makeSample({ completion: "#### 17", reference: "18", meta: { completion_tokens: 120 } }),
    ]);
    const [short, long, wrong] = scores(results) as [number, number, number];
    expect(short).toBeCloseTo(1, 10);
    expect(long).toBeCloseTo(1 - 0.01 * 120, 10);
    expect(wrong).toBeCloseTo(0, 10);
  });
});
