import type { ProgramLanguage, ProgramLimitHit, ProgramLimits } from "../core/index.js";
import { RewardkitError } from "../core/index.js";
import type { BubblewrapRunner } from "./bubblewrap-runner.js";
import { classifyLimit } from "./classify-limit.js";
import { javascriptCodec } from "./harness/javascript-codec.js";
import { javascriptEvaluator } from "./harness/javascript-evaluator.js";
import { javascriptProgramHost } from "./harness/javascript-program-host.js";
import { javascriptEvaluatorWorker } from "./harness/javascript-worker.js";
import { pythonHarness } from "./harness/python-harness.js";
import { nodeEnvironment, nodeFlags, programFileName } from "./program-entry.js";
import { sandboxEnvironment } from "./sandbox-command.js";

/** Below this data limit the JavaScript evaluator's worker thread cannot start. */
export const minimumJavascriptHarnessMb = 64;

/** APPS/TACO call-based cases: `fn_name` called with each input's arguments (Python only). */
export interface CallCases {
  readonly fn_name: string;
  readonly inputs: readonly unknown[];
  readonly outputs: readonly unknown[];
}

export type AssertRun = {
  readonly language: ProgramLanguage;
  /** The program under test. */
  readonly source: string;
  readonly limits: ProgramLimits;
  readonly signal?: AbortSignal | undefined;
  /** Call-based cases: stop at the first that fails (the rest count as not run). */
  readonly stopOnFirstFailure?: boolean;
} & (
  | {
      /** The reference's assert code. It reaches only the evaluator, never the program. */
      readonly tests: string;
      readonly calls?: undefined;
    }
  | { readonly calls: CallCases; readonly tests?: undefined }
);

export interface AssertTestResult {
  readonly passed: boolean;
  readonly message?: string;
}

export interface AssertVerdict {
  /** How many tests the evaluator found in the assert code. */
  readonly planned: number;
  /** Verdicts in order; tests without one (the run ended early) are missing. */
  readonly results: AssertTestResult[];
  /** The limit that ended the run, when one did. */
  readonly limit?: ProgramLimitHit;
  /** Why the tests stopped before the end (JavaScript: an exception outside any assertion). */
  readonly stopped?: string;
  readonly durationMs: number;
}

/**
 * Runs assert-style tests so that the program cannot touch the verdict. The trusted evaluator is
 * the sandbox's PID 1 and holds the only pipe to rewardkit; the program runs in a separate process
 * beside it and answers the evaluator's calls with data. Equality, truth values and the decision
 * pass/fail are computed in the evaluator, on values the program sent, so an object whose `__eq__`
 * always says True, an early `exit(0)`, printing "PASS" or rewriting builtins wins nothing.
 */
export async function runAssertTests(runner: BubblewrapRunner, run: AssertRun): Promise<AssertVerdict> {
  if (run.language === "javascript" && run.limits.memoryMb < minimumJavascriptHarnessMb) {
    throw new RewardkitError(
      "SPEC_INVALID",
      `JavaScript assert tests need memory_mb of at least ${minimumJavascriptHarnessMb} (the evaluator and the program are two Node processes)`,
      { path: "limits.memory_mb" },
    );
  }
  if (run.calls && run.language !== "python") {
    throw new RewardkitError("INPUT_INVALID", "call-based tests (fn_name) run Python programs only", {
      path: "reference.fn_name",
    });
  }
  const tests = run.calls
    ? { calls: run.calls, stop_on_first_failure: run.stopOnFirstFailure === true }
    : { tests: run.tests };
  const prepared = await runner.prepare(run.language);
  const executable = prepared.interpreter.executable;
  const launch =
    run.language === "python"
      ? {
          argv: [executable, "-I", "-B", "-c", pythonHarness.evaluator],
          environment: {},
          job: {
            ...tests,
            host: pythonHarness.host,
            max_reply_bytes: run.limits.maxOutputBytes,
          },
        }
      : {
          argv: [executable, ...nodeFlags(run.limits), "-e", javascriptCodec + javascriptEvaluator],
          environment: { ...nodeEnvironment },
          job: {
            tests: run.tests,
            worker: javascriptEvaluatorWorker,
            argv: [executable, ...nodeFlags(run.limits), "-e", javascriptCodec + javascriptProgramHost],
            environment: { ...sandboxEnvironment, ...nodeEnvironment },
            max_reply_bytes: run.limits.maxOutputBytes,
          },
        };
  const exit = await runner.launch({
    language: run.language,
    mode: "harness",
    argv: launch.argv,
    files: new Map([[programFileName[run.language], run.source]]),
    environment: launch.environment,
    stdin: JSON.stringify(launch.job),
    limits: run.limits,
    signal: run.signal,
  });
  let planned: number | undefined;
  let limit: ProgramLimitHit | undefined;
  let done = false;
  let stopped: string | undefined;
  const results: AssertTestResult[] = [];
  for (const line of exit.stdout.split("\n")) {
    if (!line.trim()) continue;
    let message: Record<string, unknown>;
    try {
      message = JSON.parse(line) as Record<string, unknown>;
    } catch {
      continue; // a line cut short when the run was killed
    }
    switch (message.kind) {
      case "invalid-tests":
        throw new RewardkitError(
          "INPUT_INVALID",
          `the assert code does not parse: ${String(message.message)}`,
          {
            path: "reference.assert",
          },
        );
      case "plan":
        planned = Number(message.tests);
        break;
      case "result":
        results.push(
          typeof message.message === "string"
            ? { passed: message.passed === true, message: message.message }
            : { passed: message.passed === true },
        );
        break;
      case "limit":
        limit = message.limit as ProgramLimitHit;
        break;
      case "stopped":
        stopped = String(message.message);
        break;
      case "done":
        done = true;
        break;
      default:
        break;
    }
  }
  limit ??= classifyLimit(exit, run.limits);
  if (planned === undefined || (!done && limit === undefined)) {
    throw new RewardkitError(
      "INTERNAL",
      `the test evaluator ended without a verdict (exit ${exit.exitCode ?? exit.signal}): ${exit.stderr.trim().slice(-500)}`,
    );
  }
  return {
    planned,
    results,
    ...(limit ? { limit } : {}),
    ...(stopped !== undefined ? { stopped } : {}),
    durationMs: exit.durationMs,
  };
}
