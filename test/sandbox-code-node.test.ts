import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadSpec } from "../src/engine/index.js";
import { makeSample } from "../src/testing/index.js";
import { parseJsonl, runCli } from "./helpers/cli.js";
import { fenced, scoreWith } from "./sandbox-helpers.js";

const sumTests = {
  language: "python",
  tests: [
    { input: "2 3\n", output: "5\n" },
    { input: "10 -4\n", output: "6\n" },
    { input: "0 0\n", output: "0\n" },
  ],
};
const sumProgram = "a, b = map(int, input().split())\nprint(a + b)";

describe("code node: stdin/stdout tests", () => {
  it("scores the fraction of tests passed, with pass/fail per test and the first failure", async () => {
    const [right, half] = await scoreWith({ type: "code", name: "tests" }, [
      makeSample({ completion: fenced("python", sumProgram), reference: sumTests }),
      makeSample({
        completion: fenced("python", "a, b = map(int, input().split())\nprint(abs(a) + abs(b))"),
        reference: sumTests,
      }),
    ]);
    expect(right).toEqual({
      score: 1,
      components: { "tests.test_1": 1, "tests.test_2": 1, "tests.test_3": 1, tests: 1 },
    });
    expect(half?.score).toBeCloseTo(2 / 3);
    expect(half?.components).toMatchObject({ "tests.test_2": 0 });
    expect(half?.reason).toBe('2/3 passed; first failure: test 2: expected "6\\n", got "14\\n"');
  });

  it("runs JavaScript, reads a JSON-string reference and APPS/verl {inputs, outputs}", async () => {
    const js =
      "const [a, b] = require('fs').readFileSync(0, 'utf8').trim().split(/\\s+/).map(Number);\nconsole.log(a + b);";
    const results = await scoreWith({ type: "code" }, [
      makeSample({
        completion: fenced("javascript", js),
        reference: JSON.stringify({ ...sumTests, language: "javascript" }),
      }),
      makeSample({
        completion: fenced("python", sumProgram),
        reference: { inputs: ["1 1\n", "2 2\n"], outputs: ["2\n", "4\n"] },
      }),
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 1]);
  });

  it("compares output with the chosen whitespace rule and float tolerance", async () => {
    const spaced = makeSample({
      completion: fenced("python", "print('1  2 ')\nprint()"),
      reference: { language: "python", tests: [{ output: "1 2" }] },
    });
    const float = makeSample({
      completion: fenced("python", "print(1/3)"),
      reference: { language: "python", tests: [{ output: "0.333333" }] },
    });
    expect((await scoreWith({ type: "code", whitespace: "trim_lines" }, [spaced]))[0]?.score).toBe(0);
    expect((await scoreWith({ type: "code", whitespace: "tokens" }, [spaced]))[0]?.score).toBe(1);
    expect((await scoreWith({ type: "code" }, [float]))[0]?.score).toBe(0);
    expect((await scoreWith({ type: "code", float_tolerance: 1e-5 }, [float]))[0]?.score).toBe(1);
  });

  it("stops at the first failure when asked, and runs at most max_tests", async () => {
    const wrongFirst = makeSample({
      completion: fenced("python", "print(5)"),
      reference: { ...sumTests, tests: [sumTests.tests[1], sumTests.tests[0]] },
    });
    const [stopped] = await scoreWith({ type: "code", stop_on_first_failure: true }, [wrongFirst]);
    expect(stopped?.components).toMatchObject({ "code.test_1": 0, "code.test_2": 0 });
    expect(stopped?.reason).toMatch(/test 1: expected "6\\n", got "5\\n"/);
    const [capped] = await scoreWith({ type: "code", max_tests: 1 }, [
      makeSample({ completion: fenced("python", "print(5)"), reference: sumTests }),
    ]);
    expect(capped?.score).toBe(1);
    expect(Object.keys(capped?.components ?? {})).toEqual(["code.test_1", "code"]);
  });

  it("a crashing program fails its tests with the error's last line", async () => {
    const [result] = await scoreWith({ type: "code" }, [
      makeSample({ completion: fenced("python", "raise ValueError('boom')"), reference: sumTests }),
    ]);
    expect(result?.score).toBe(0);
    expect(result?.reason).toMatch(/test 1: exited with status 1: ValueError: boom/);
  });
});

describe("code node: finding the program", () => {
  it("takes the wanted language's block, an untagged block, or (when allowed) the bare completion", async () => {
    const chat = [
      { role: "assistant", content: `Sure.\n\`\`\`text\n5\n\`\`\`\n${fenced("python", sumProgram)}` },
    ];
    const results = await scoreWith({ type: "code" }, [
      makeSample({ completion: chat, reference: sumTests }),
      makeSample({ completion: `\`\`\`\n${sumProgram}\n\`\`\``, reference: sumTests }),
    ]);
    expect(results.map((result) => result.score)).toEqual([1, 1]);
    const [bare] = await scoreWith({ type: "code", require_fence: false }, [
      makeSample({ completion: sumProgram, reference: sumTests }),
    ]);
    expect(bare?.score).toBe(1);
  });

  it("a completion without a program in the wanted language scores 0 with a reason", async () => {
    const results = await scoreWith({ type: "code" }, [
      makeSample({ completion: "The answer is 5.", reference: sumTests }),
      makeSample({ completion: fenced("javascript", "console.log(5)"), reference: sumTests }),
    ]);
    for (const result of results) {
      expect(result.score).toBe(0);
      expect(result.reason).toBe("no python code block in the completion");
      expect(result.error).toBeUndefined();
    }
  });
});

describe("code node: bad input is an error naming where", () => {
  it("no reference → NOT_APPLICABLE; malformed tests → INPUT_INVALID with the field; others still score", async () => {
    const results = await scoreWith({ type: "code" }, [
      makeSample({ completion: fenced("python", sumProgram) }),
      makeSample({
        completion: fenced("python", sumProgram),
        reference: { language: "python", tests: [{ input: "1", output: 2 }] },
      }),
      makeSample({
        completion: fenced("python", "def f(): pass"),
        reference: { language: "python", assert: "assert f(" },
      }),
      makeSample({ completion: fenced("python", sumProgram), reference: sumTests }),
    ]);
    expect(results[0]?.error?.code).toBe("NOT_APPLICABLE");
    expect(results[1]?.error).toMatchObject({
      code: "INPUT_INVALID",
      message: "reference.tests[0].output: expected string, received number",
    });
    expect(results[2]?.error).toMatchObject({
      code: "INPUT_INVALID",
      message: expect.stringMatching(/^reference\.assert: the assert code does not parse/),
    });
    expect(results[3]?.score).toBe(1);
  });

  it("JavaScript assert tests say when memory_mb is too small for the evaluator", async () => {
    const [result] = await scoreWith({ type: "code", limits: { memory_mb: 32 } }, [
      makeSample({
        completion: fenced("javascript", "function f(x) { return x; }"),
        reference: { language: "javascript", assert: "assert.strictEqual(f(1), 1);" },
      }),
    ]);
    expect(result?.error).toMatchObject({
      code: "SPEC_INVALID",
      message: expect.stringMatching(/^limits\.memory_mb: .*at least 64/),
    });
  });

  it("refuses a bad spec with the field's path", async () => {
    await expect(
      loadSpec({ version: 1, reward: { type: "code", limits: { wall_ms: -1 } } }),
    ).rejects.toMatchObject({
      code: "SPEC_INVALID",
      path: "reward.limits.wall_ms",
    });
    await expect(
      loadSpec({ version: 1, reward: { type: "code", whitespace: "loose" } }),
    ).rejects.toMatchObject({
      path: "reward.whitespace",
    });
  });
});

describe("code node: through `rewardkit score`", () => {
  it("scores a JSONL file from the command line and reports limit errors by code", async () => {
    // wall_ms well above cpu_ms: on a loaded machine a busy loop needs several wall seconds per CPU second.
    const directory = mkdtempSync(join(tmpdir(), "rk-code-cli-"));
    try {
      writeFileSync(
        join(directory, "spec.yaml"),
        "version: 1\nreward:\n  type: weighted\n  terms:\n    - weight: 1\n      reward: { type: code, name: tests, limits: { cpu_ms: 1000, wall_ms: 15000 } }\n",
      );
      const rows = [
        { id: "ok", prompt: "add", completion: fenced("python", sumProgram), reference: sumTests },
        { id: "loop", prompt: "add", completion: fenced("python", "while True: pass"), reference: sumTests },
        {
          id: "asserts",
          prompt: "add",
          completion: fenced("python", "def add(a, b):\n    return a + b"),
          reference: { language: "python", assert: "assert add(1, 2) == 3\nassert add(1, 1) == 3" },
        },
      ];
      writeFileSync(join(directory, "rows.jsonl"), rows.map((row) => JSON.stringify(row)).join("\n"));
      const run = await runCli([
        "score",
        "--spec",
        join(directory, "spec.yaml"),
        "--input",
        join(directory, "rows.jsonl"),
        "--output",
        join(directory, "out.jsonl"),
      ]);
      expect(run.code).toBe(0);
      const out = parseJsonl(readFileSync(join(directory, "out.jsonl"), "utf8"));
      expect(out.map((row) => row.reward)).toEqual([1, 0, 0.5]);
      expect(out[1]?.error).toMatchObject({
        code: "LIMIT_EXCEEDED",
        message: expect.stringMatching(/CPU time limit/),
      });
      expect(run.stderr).toMatch(/LIMIT_EXCEEDED/);
    } finally {
      rmSync(directory, { recursive: true, force: true });
    }
  });
});
