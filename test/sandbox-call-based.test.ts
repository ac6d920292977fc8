import { describe, expect, it } from "vitest";
import { makeSample } from "../src/testing/index.js";
import { fenced, scoreWith } from "./sandbox-helpers.js";

/**
 * Issue 15 §4: APPS/TACO call-based tests (`fn_name` with lists of argument lists and return
 * values), with APPS's own verdict rules (testing_util.py): a returned tuple is compared as a list,
 * an expected value wrapped in a one-element list matches too, a JSON object's string keys are
 * read back as ints, and LeetCode-style `class Solution` methods are called on `Solution()`.
 */
const node = { type: "code", limits: { cpu_ms: 2_000, wall_ms: 10_000 }, concurrency: 2 };
const score = async (program: string, reference: unknown, extra: Record<string, unknown> = {}) =>
  (
    await scoreWith({ ...node, ...extra }, [makeSample({ completion: fenced("python", program), reference })])
  )[0];

describe("call-based tests (fn_name)", () => {
  it("calls the function with each case's arguments and compares as APPS does", async () => {
    const add = {
      fn_name: "add",
      inputs: [
        [1, 2],
        [3, 4],
        [-1, 1],
      ],
      outputs: [[3], [7], 0],
    };
    expect(await score("def add(a, b):\n    return a + b", add)).toMatchObject({ score: 1 });
    const wrong = await score("def add(a, b):\n    return a * b if a == 3 else a + b", add);
    expect(wrong?.score).toBeCloseTo(2 / 3);
    expect(wrong?.reason).toBe("2/3 passed; first failure: test 2: add(3, 4) returned 12, expected [7]");
    expect(wrong?.components).toMatchObject({ "code.test_1": 1, "code.test_2": 0, "code.test_3": 1 });
  });

  it("reads tuples as lists, int keys back from JSON, and calls Solution() methods", async () => {
    const pairs = {
      fn_name: "split",
      inputs: [[[1, 2, 3, 4]]],
      outputs: [
        [
          [
            [1, 2],
            [3, 4],
          ],
        ],
      ],
    };
    expect(
      (
        await score(
          "def split(values):\n    return [(values[i], values[i + 1]) for i in range(0, len(values), 2)]",
          pairs,
        )
      )?.score,
    ).toBe(1);
    const tuple = { fn_name: "bounds", inputs: [[[3, 1, 2]]], outputs: [[1, 3]] };
    expect((await score("def bounds(values):\n    return min(values), max(values)", tuple))?.score).toBe(1);
    const keys = { fn_name: "invert", inputs: [[{ "1": "a", "2": "b" }]], outputs: [{ a: 1, b: 2 }] };
    expect(
      (await score("def invert(mapping):\n    return {v: k for k, v in mapping.items()}", keys))?.score,
    ).toBe(1);
    const leetcode = {
      fn_name: "twoSum",
      inputs: [
        [[2, 7, 11, 15], 9],
        [[3, 2, 4], 6],
      ],
      outputs: [[[0, 1]], [[1, 2]]],
    };
    const solution = [
      "class Solution:",
      "    def twoSum(self, nums, target):",
      "        seen = {}",
      "        for index, value in enumerate(nums):",
      "            if target - value in seen:",
      "                return [seen[target - value], index]",
      "            seen[value] = index",
    ].join("\n");
    expect((await score(solution, leetcode))?.score).toBe(1);
    expect((await score(solution, JSON.stringify(leetcode)))?.score).toBe(1);
  });

  it("names a missing function and a crash; stop_on_first_failure leaves the rest unrun", async () => {
    const cases = { fn_name: "square", inputs: [[2], [3], [4]], outputs: [4, 9, 16] };
    const missing = await score("def cube(x):\n    return x ** 3", cases);
    expect(missing?.score).toBe(0);
    expect(missing?.reason).toMatch(/test 1: the program has no square: NameError/);
    const crash = await score("def square(x):\n    return [4, 9][x - 2] ** 1 if x < 4 else 1 // 0", cases);
    expect(crash?.score).toBeCloseTo(2 / 3);
    expect(crash?.reason).toMatch(/test 3: square\(4\) raised ZeroDivisionError/);
    const early = await score("def square(x):\n    return 0 if x == 3 else x * x", cases, {
      stop_on_first_failure: true,
    });
    expect(early?.score).toBeCloseTo(1 / 3);
    expect(early?.components).toMatchObject({ "code.test_1": 1, "code.test_2": 0, "code.test_3": 0 });
    const all = await score("def square(x):\n    return 0 if x == 3 else x * x", cases);
    expect(all?.score).toBeCloseTo(2 / 3);
  });

  it("refuses call-based tests for a JavaScript program, naming fn_name", async () => {
    const [result] = await scoreWith(node, [
      makeSample({
        completion: fenced("javascript", "function add(a, b) { return a + b; }"),
        reference: { fn_name: "add", inputs: [[1, 2]], outputs: [3] },
      }),
    ]);
    expect(result?.error).toMatchObject({ code: "INPUT_INVALID" });
    expect(result?.error?.message).toMatch(/call-based tests \(fn_name\) run Python programs/);
  });
});
