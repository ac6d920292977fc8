import type { ProgramLanguage, ProgramLimitHit, ProgramLimits, ProgramOutcome } from "../../core/index.js";
import { RewardkitError } from "../../core/index.js";
import { type CallCases, runAssertTests } from "../assert-harness.js";
import type { BubblewrapRunner } from "../bubblewrap-runner.js";
import type { CodeTestSet, CodeTests } from "./code-reference.js";
import { type CompareOptions, outputsMatch, quote } from "./compare-output.js";

export interface TestOutcome {
  readonly passed: boolean;
  /** Why it failed. */
  readonly message?: string;
}

export interface ProgramScore {
  /** One per test, in order; tests that never ran count as failed. */
  readonly outcomes: TestOutcome[];
  /** The limit the program escaped, and in which test (0-based), when it did. */
  readonly limit?: { readonly hit: ProgramLimitHit; readonly test: number };
}

export interface ScoreProgramOptions {
  readonly runner: BubblewrapRunner;
  readonly language: ProgramLanguage;
  readonly source: string;
  readonly tests: CodeTestSet;
  readonly limits: ProgramLimits;
  readonly compare: CompareOptions;
  readonly stopOnFirstFailure: boolean;
  readonly maxTests: number | undefined;
  readonly signal: AbortSignal;
}

/** The visible tests' score and, when the reference has hidden tests, theirs. */
export interface ProgramScores {
  readonly visible: ProgramScore;
  readonly hidden?: ProgramScore;
}

/**
 * Runs a program against the reference's visible tests and, when there are some, its hidden
 * tests (both sets at once, in the same pool); pass/fail per test, decided on rewardkit's side.
 */
export async function scorePrograms(
  options: Omit<ScoreProgramOptions, "tests"> & { readonly tests: CodeTests },
): Promise<ProgramScores> {
  const { hidden, language: _, ...visible } = options.tests;
  if (hidden === undefined) return { visible: await scoreProgram({ ...options, tests: visible }) };
  const [visibleScore, hiddenScore] = await Promise.all([
    scoreProgram({ ...options, tests: visible }),
    scoreProgram({ ...options, tests: hidden }),
  ]);
  return { visible: visibleScore, hidden: hiddenScore };
}

/** Runs a program against one set of tests in the sandbox; pass/fail per test. */
export async function scoreProgram(options: ScoreProgramOptions): Promise<ProgramScore> {
  if (options.tests.kind === "assert") return scoreAsserts(options, { tests: options.tests.code });
  if (options.tests.kind === "calls") {
    if (options.language !== "python") {
      throw new RewardkitError(
        "INPUT_INVALID",
        `call-based tests (fn_name) run Python programs; this program is ${options.language} (write its tests as {language, assert})`,
        { path: "reference.fn_name" },
      );
    }
    const { fnName, inputs, outputs } = options.tests;
    const cases = options.maxTests === undefined ? inputs.length : Math.min(options.maxTests, inputs.length);
    return scoreAsserts(options, {
      calls: { fn_name: fnName, inputs: inputs.slice(0, cases), outputs: outputs.slice(0, cases) },
    });
  }
  const tests = options.tests.tests.slice(0, options.maxTests ?? Number.POSITIVE_INFINITY);
  // Aborted when one test escapes a limit (the score is 0 then, the other runs are wasted work).
  const controller = new AbortController();
  const signal = AbortSignal.any([options.signal, controller.signal]);
  const outcomes: TestOutcome[] = new Array<TestOutcome>(tests.length).fill({
    passed: false,
    message: "not run",
  });
  let limit: { hit: ProgramLimitHit; test: number } | undefined;
  const runTest = async (index: number) => {
    const test = tests[index] as { input: string; output: string };
    let outcome: ProgramOutcome;
    try {
      outcome = await options.runner.run({
        language: options.language,
        source: options.source,
        stdin: test.input,
        limits: options.limits,
        signal,
      });
    } catch (error) {
      if (limit && !options.signal.aborted) return; // stopped because another test hit a limit
      throw error;
    }
    if (outcome.limit) {
      if (!limit || index < limit.test) limit = { hit: outcome.limit, test: index };
      controller.abort();
      return;
    }
    outcomes[index] = judgeOutput(outcome, test.output, options.compare);
  };
  if (options.stopOnFirstFailure) {
    for (let index = 0; index < tests.length && !limit; index++) {
      await runTest(index);
      if (!limit && !(outcomes[index] as TestOutcome).passed) break;
    }
  } else {
    await Promise.all(tests.map((_, index) => runTest(index)));
  }
  return limit ? { outcomes, limit } : { outcomes };
}

function judgeOutput(outcome: ProgramOutcome, expected: string, compare: CompareOptions): TestOutcome {
  if (outcome.signal)
    return { passed: false, message: `killed by ${outcome.signal}${lastLine(outcome.stderr)}` };
  if (outcome.exitCode !== 0) {
    return { passed: false, message: `exited with status ${outcome.exitCode}${lastLine(outcome.stderr)}` };
  }
  if (outputsMatch(outcome.stdout, expected, compare)) return { passed: true };
  return { passed: false, message: `expected ${quote(expected)}, got ${quote(outcome.stdout)}` };
}

function lastLine(stderr: string): string {
  const line = stderr.trim().split("\n").at(-1)?.trim();
  return line ? `: ${line.slice(0, 200)}` : "";
}

async function scoreAsserts(
  options: ScoreProgramOptions,
  tests: { tests: string } | { calls: CallCases },
): Promise<ProgramScore> {
  const verdict = await runAssertTests(options.runner, {
    language: options.language,
    source: options.source,
    ...tests,
    stopOnFirstFailure: options.stopOnFirstFailure,
    limits: options.limits,
    signal: options.signal,
  });
  const total = Math.max(verdict.planned, verdict.results.length);
  const outcomes: TestOutcome[] = Array.from(
    { length: total },
    (_, index) => verdict.results[index] ?? { passed: false, message: verdict.stopped ?? "not run" },
  );
  if (verdict.limit) return { outcomes, limit: { hit: verdict.limit, test: verdict.results.length } };
  return { outcomes };
}
