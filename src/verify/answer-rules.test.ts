import { describe, expect, it } from "vitest";
import { loadSpec } from "../engine/index.js";
import { makeSample, testContext } from "../testing/index.js";
import { extractChoice } from "./multiple-choice.js";
import { tagChecks } from "./tags.js";

async function run(node: Record<string, unknown>, samples: ReturnType<typeof makeSample>[]) {
  const loaded = await loadSpec({ version: 1, reward: node });
  return loaded.reward.score(samples, testContext());
}

describe("multiple_choice", () => {
  it.each([
    ["The answer is (B).", "B"],
    ["B. Paris is the capital", "B"],
    ["answer: b", "B"],
    ["After weighing the options, the correct option is C", "C"],
    ["$\\boxed{D}$", "D"],
    ["<answer>(a)</answer>", "A"],
    ["**C**", "C"],
    ["I think (A) is wrong, so (D)", "D"],
  ])("reads %j as %s", (text, letter) => {
    expect(extractChoice(text, "ABCD")?.letter).toBe(letter);
  });

  it("does not read articles or letters outside the options as choices", () => {
    expect(extractChoice("A cat sat on a mat.", "ABCD")).toBeUndefined();
    expect(extractChoice("The answer is (E)", "ABCD")).toBeUndefined();
  });

  it("scores against the reference letter or any of a list", async () => {
    const results = await run({ type: "multiple_choice" }, [
      makeSample({ completion: "Answer: (c)", reference: "C" }),
      makeSample({ completion: "Answer: (c)", reference: "(B)" }),
      makeSample({ completion: "Answer: B", reference: ["A", "B"] }),
      makeSample({ completion: "no idea", reference: "A" }),
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 0, 1, 0]);
    expect(results[0]?.reason).toBe('chose C (from "answer is" phrase); reference C');
  });
});

describe("numeric", () => {
  it("compares the final number within absolute or relative tolerance", async () => {
    const results = await run({ type: "numeric", relative: 0.05 }, [
      makeSample({ completion: "The total is 104.", reference: "100" }),
      makeSample({ completion: "The total is 106.", reference: "100" }),
      makeSample({ completion: "\\boxed{\\frac{3}{4}}", reference: 0.75 }),
      makeSample({ completion: "about 1,020 people", reference: "#### 1000" }),
      makeSample({ completion: "none", reference: "1" }),
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 0, 1, 1, 0]);
  });
});

describe("tags", () => {
  const layout = { exactlyOnce: true, ordered: true, whole: true };
  it("checks counts, order and what lies outside", () => {
    const failed = (text: string) =>
      tagChecks(text, ["think", "answer"], layout)
        .filter((check) => !check.passed)
        .map((check) => check.name);
    expect(failed("<think>a</think>\n<answer>5</answer>")).toEqual([]);
    expect(failed("<answer>5</answer><think>a</think>")).toEqual(["tags in order"]);
    expect(failed("<think>a</think><think>b</think><answer>5</answer>")).toEqual(["<think> once"]);
    expect(failed("preamble <think>a</think><answer>5</answer>")).toEqual(["nothing outside the tags"]);
    expect(failed("<think>a<answer>5</answer>")).toEqual([
      "<think> once",
      "</think> after <think>",
      "tags in order",
      "nothing outside the tags",
    ]);
  });

  it("scores all-or-nothing or the fraction passed", async () => {
    const sample = makeSample({ completion: "<think>a</think><answer>5</answer> trailing" });
    const [strict] = await run({ type: "tags" }, [sample]);
    const [partial] = await run({ type: "tags", partial: true }, [sample]);
    expect(strict?.score).toBe(0);
    // 9 checks: 2 × (once, closes after opening, not empty), no nesting, order, nothing outside.
    expect(partial?.score).toBeCloseTo(8 / 9);
    expect(strict?.reason).toBe("failed: nothing outside the tags");
  });
});

describe("json_schema", () => {
  const schema = {
    type: "object",
    required: ["name", "age"],
    properties: { name: { type: "string" }, age: { type: "integer", minimum: 0 }, tags: { type: "array" } },
  };

  it("validates the completion's JSON wherever it is written", async () => {
    const results = await run({ type: "json_schema", schema }, [
      makeSample({ completion: '{"name": "Ada", "age": 36}' }),
      makeSample({ completion: 'Here:\n```json\n{"name": "Ada", "age": 36}\n```' }),
      makeSample({ completion: 'Sure! {"name": "Ada", "age": 36} done' }),
      makeSample({ completion: '{"name": "Ada", "age": -1}' }),
      makeSample({ completion: "no json" }),
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 1, 1, 0, 0]);
    expect(results[3]?.reason).toContain("/age must be >= 0");
  });

  it("gives partial credit per top-level property", async () => {
    const [result] = await run({ type: "json_schema", schema, partial: true }, [
      makeSample({ completion: '{"name": 7, "tags": []}' }),
    ]);
    // name wrong, age missing, tags fine: 1 of 3.
    expect(result?.score).toBeCloseTo(1 / 3);
  });

  it("refuses an invalid schema at compile time, naming the path", async () => {
    await expect(
      loadSpec({ version: 1, reward: { type: "json_schema", schema: { type: "nonsense" } } }),
    ).rejects.toMatchObject({ code: "SPEC_INVALID", path: "reward.schema" });
  });

  it("takes the schema from the row when the spec has none", async () => {
    const [result] = await run({ type: "json_schema" }, [
      makeSample({ completion: "[1, 2]", reference: { type: "array" } }),
    ]);
    expect(result?.score).toBe(1);
  });
});
