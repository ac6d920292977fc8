import { describe, expect, it } from "vitest";
import type { RewardResult } from "../src/core/index.js";
import { makeSample } from "../src/testing/index.js";
import { fenced, scoreWith } from "./sandbox-helpers.js";

/**
 * Issue 15 §3, code: programs that win the visible tests without solving the task — exiting
 * early, printing the expected outputs of the visible tests, special-casing the visible inputs —
 * against references with hidden tests beside the visible ones. The score counts the hidden
 * tests (`score_tests: hidden`, the default when a reference has them); an honest program keeps 1.
 */
const node = { type: "code", limits: { cpu_ms: 2_000, wall_ms: 10_000 }, concurrency: 2 };

async function score(
  program: string,
  reference: unknown,
  extra: Record<string, unknown> = {},
): Promise<RewardResult> {
  const [result] = await scoreWith({ ...node, ...extra }, [
    makeSample({ completion: fenced("python", program), reference }),
  ]);
  return result as RewardResult;
}

const stdio = {
  language: "python",
  tests: [
    { input: "2 3\n", output: "5\n" },
    { input: "10 4\n", output: "14\n" },
  ],
  hidden: {
    tests: [
      { input: "7 8\n", output: "15\n" },
      { input: "-1 1\n", output: "0\n" },
      { input: "100 1\n", output: "101\n" },
    ],
  },
};
const honestSum = "a, b = map(int, input().split())\nprint(a + b)";

describe("stdin/stdout programs that fit the visible tests", () => {
  it("an honest program scores 1 with visible and hidden tests reported", async () => {
    const result = await score(honestSum, stdio);
    expect(result.score).toBe(1);
    expect(result.components).toMatchObject({
      "code.test_1": 1,
      "code.test_2": 1,
      "code.hidden_1": 1,
      "code.hidden_3": 1,
    });
  });

  it("printing the visible tests' expected output (a lookup table) scores 0 on the hidden tests", async () => {
    const table = 'answers = {"2 3": "5", "10 4": "14"}\nprint(answers.get(input().strip(), "0"))';
    const result = await score(table, stdio);
    expect(result.components).toMatchObject({ "code.test_1": 1, "code.test_2": 1 });
    expect(result.score).toBeCloseTo(1 / 3); // "-1 1" → "0" happens to be right
    expect(result.reason).toMatch(
      /^visible 2\/2, hidden 1\/3 passed; passes every visible test but not the hidden ones; first hidden failure: test 1/,
    );
    const relaxed = await score(table, stdio, { score_tests: "all" });
    expect(relaxed.score).toBeCloseTo(3 / 5);
  });

  it("special-casing the visible inputs scores 0; exiting early scores 0 everywhere", async () => {
    const special = "line = input()\nif line == '2 3':\n    print(5)\nelif line == '10 4':\n    print(14)";
    expect((await score(special, stdio)).score).toBe(0);
    const early = "import sys\nsys.exit(0)\na, b = map(int, input().split())\nprint(a + b)";
    const exited = await score(early, stdio);
    expect(exited.score).toBe(0);
    expect(exited.components).toMatchObject({ "code.test_1": 0, "code.hidden_1": 0 });
    const printsAndExits = "import os\nprint(5, flush=True)\nos._exit(0)";
    const half = await score(printsAndExits, stdio);
    expect(half.components).toMatchObject({ "code.test_1": 1, "code.test_2": 0 });
    expect(half.score).toBe(0);
  });
});

describe("assert and call-based programs that fit the visible tests", () => {
  const asserts = {
    language: "python",
    assert: "assert add(1, 2) == 3\nassert add(2, 2) == 4",
    hidden: { assert: "assert add(5, 6) == 11\nassert add(-3, 3) == 0\nassert add(0, 9) == 9" },
  };

  it("special-cased visible asserts pass visibly and fail hidden; the honest program scores 1", async () => {
    expect((await score("def add(a, b):\n    return a + b", asserts)).score).toBe(1);
    const special = "def add(a, b):\n    return {(1, 2): 3, (2, 2): 4}.get((a, b), -1)";
    const result = await score(special, asserts);
    expect(result.components).toMatchObject({ "code.test_1": 1, "code.test_2": 1, "code.hidden_1": 0 });
    expect(result.score).toBe(0);
    const exits = "import os\ndef add(a, b):\n    if (a, b) == (1, 2):\n        return 3\n    os._exit(0)";
    expect((await score(exits, asserts)).score).toBe(0);
  });

  it("call-based hidden cases inherit fn_name; a lookup of the visible cases scores 0", async () => {
    const calls = {
      fn_name: "double",
      inputs: [[1], [2]],
      outputs: [2, 4],
      hidden: { inputs: [[10], [-3]], outputs: [20, -6] },
    };
    expect((await score("def double(x):\n    return 2 * x", calls)).score).toBe(1);
    const lookup = await score("def double(x):\n    return {1: 2, 2: 4}[x]", calls);
    expect(lookup.score).toBe(0);
    expect(lookup.reason).toMatch(
      /passes every visible test but not the hidden ones; first hidden failure: test 1: double\(10\) raised KeyError/,
    );
  });
});
