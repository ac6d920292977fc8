import { readdirSync, readFileSync } from "node:fs";
import { afterAll, describe, expect, it } from "vitest";
import type { RewardResult } from "../src/core/index.js";
import { BubblewrapRunner } from "../src/sandbox/index.js";
import { makeSample } from "../src/testing/index.js";
import { fenced, scoreWith } from "./sandbox-helpers.js";

/**
 * Issue 15 §4: correct programs must pass the tamper-proof evaluator with Python's own semantics
 * for honest values (built-in container subclasses, library value types, truth of matches, names
 * the program defines). Each case in test/fixtures/python-honest is a real .py file: the program,
 * then `# --- tests ---`, then its asserts. Every case is first shown to pass in one plain Python
 * process (program + tests concatenated), so the corpus is correct by Python's own verdict.
 */
const marker = "# --- tests ---\n";
const readCases = (folder: URL) =>
  readdirSync(folder)
    .filter((name) => name.endsWith(".py"))
    .sort()
    .map((name) => {
      const text = readFileSync(new URL(name, folder), "utf8");
      const at = text.indexOf(marker);
      if (at < 0) throw new Error(`${name}: no "${marker.trim()}" line`);
      return { name, program: text.slice(0, at), tests: text.slice(at + marker.length) };
    });

// The cases written while building the evaluator, and 12 more written afterwards and run once
// (held back so the evaluator was not fitted to them).
const corpora = [
  {
    label: "development",
    cases: readCases(new URL("./fixtures/python-honest/", import.meta.url)),
    least: 36,
  },
  {
    label: "held back",
    cases: readCases(new URL("./fixtures/python-honest-heldout/", import.meta.url)),
    least: 12,
  },
];

const runner = new BubblewrapRunner({ concurrency: 2 });
afterAll(() => runner.close());

describe.each(corpora)("the $label corpus of correct Python programs", ({ cases, least }) => {
  it("has its cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(least);
  });

  it("every case passes when program and tests run in one plain Python process", async () => {
    const outcomes = await Promise.all(
      cases.map(async (each) => {
        const outcome = await runner.run({
          language: "python",
          source: `${each.program}\n${each.tests}\nprint("ok")`,
          limits: { wallMs: 20_000 },
        });
        const last = outcome.stdout.trim().split("\n").at(-1);
        return `${each.name}: ${outcome.exitCode} ${last} ${outcome.stderr.trim().split("\n").at(-1) ?? ""}`;
      }),
    );
    expect(outcomes).toEqual(cases.map((each) => `${each.name}: 0 ok `));
  });

  it("every case scores 1 through the tamper-proof evaluator (one test per assert)", async () => {
    const results = await scoreWith(
      { type: "code", limits: { cpu_ms: 4_000, wall_ms: 20_000 }, concurrency: 2 },
      cases.map((each) =>
        makeSample({
          id: each.name,
          completion: fenced("python", each.program),
          reference: { language: "python", assert: each.tests },
        }),
      ),
    );
    const failures = results
      .map((result: RewardResult, index) => ({ name: cases[index]?.name, result }))
      .filter(({ result }) => result.score !== 1)
      .map(({ name, result }) => `${name}: ${result.score} ${result.reason ?? result.error?.message ?? ""}`);
    expect(failures).toEqual([]);
  });
});
