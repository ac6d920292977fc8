import { z } from "zod";
import {
  completionText,
  defineNode,
  type ProgramLimits,
  perSample,
  RewardkitError,
  type RewardResult,
} from "../core/index.js";
import { BubblewrapRunner } from "./bubblewrap-runner.js";
import { describeLimit } from "./classify-limit.js";
import { languageField, parseCodeReference } from "./code/code-reference.js";
import { whitespaceField } from "./code/compare-output.js";
import { extractProgram } from "./code/extract-program.js";
import { limitsField, toLimits } from "./code/limits-field.js";
import { type ProgramScore, type ProgramScores, scorePrograms } from "./code/score-program.js";
import { resolveLimits } from "./limits.js";

const positiveInteger = z.number().int().positive();

/**
 * Runs the completion's program against the row's tests in a bubblewrap sandbox. The tests, the
 * spec and the verdict never enter the program's reach: stdin/stdout tests are compared here, and
 * assert tests run in a separate trusted evaluator (see docs/sandbox.md).
 */
export const codeNode = defineNode({
  type: "code",
  summary:
    "Fraction of the reference's tests the completion's program passes, run in a bubblewrap sandbox with resource limits.",
  paper: "Sycophancy to Subterfuge (#63): rewards the policy cannot tamper with",
  cacheByDefault: true,
  needsReference: true,
  fields: z.object({
    language: languageField
      .optional()
      .describe("The program's language when the reference does not name one (else the code block's tag)."),
    whitespace: whitespaceField,
    float_tolerance: z
      .number()
      .nonnegative()
      .optional()
      .describe("Numbers in the output match within this absolute or relative tolerance (compares tokens)."),
    require_fence: z
      .boolean()
      .default(true)
      .describe("false: a completion without any fenced code block is run as a whole."),
    stop_on_first_failure: z
      .boolean()
      .default(false)
      .describe(
        "Run stdin/stdout and call-based tests in order and stop at the first failure; the tests after it count as failed (not run), so the score is the passing prefix over all tests.",
      ),
    max_tests: positiveInteger
      .optional()
      .describe("Run at most this many stdin/stdout or call-based tests (the first ones)."),
    score_tests: z
      .enum(["hidden", "all"])
      .default("hidden")
      .describe(
        "With `hidden` tests in the reference: score the fraction of hidden tests passed (visible ones, shown to the policy, can be special-cased) or of all tests. Without hidden tests every test counts.",
      ),
    limits: limitsField,
    concurrency: positiveInteger
      .optional()
      .describe("Sandboxes running at once (default: the machine's cores)."),
    python: z.string().optional().describe("Python interpreter command or path (default /usr/bin/python3)."),
    node: z
      .string()
      .optional()
      .describe("Node.js interpreter command or path (default: the Node running rewardkit)."),
  }),
  example:
    '{ type: code, name: tests, limits: { wall_ms: 4000 } }   # reference: {"language": "python", "tests": [{"input": "2 3\\n", "output": "5\\n"}]}',
  create(spec, tools) {
    const runner = new BubblewrapRunner({
      limits: toLimits(spec.limits),
      ...(spec.concurrency ? { concurrency: spec.concurrency } : {}),
      ...(spec.python ? { python: spec.python } : {}),
      ...(spec.node ? { node: spec.node } : {}),
    });
    const limits = resolveLimits(runner.limits, undefined);
    const compare = { whitespace: spec.whitespace, floatTolerance: spec.float_tolerance };
    return perSample(
      async (sample, context): Promise<RewardResult> => {
        const tests = parseCodeReference(sample.reference);
        const wanted = tests.language ?? spec.language;
        const program = extractProgram(completionText(sample), {
          language: wanted,
          requireFence: spec.require_fence,
        });
        if (!program) {
          return { score: 0, reason: `no ${wanted ?? "python or javascript"} code block in the completion` };
        }
        if (!program.language) {
          throw new RewardkitError(
            "NOT_APPLICABLE",
            "the code block has no language tag and neither the reference nor the spec names one",
            { path: `${tools.path}.language` },
          );
        }
        const scored = await scorePrograms({
          runner,
          language: program.language,
          source: program.source,
          tests,
          limits,
          compare,
          stopOnFirstFailure: spec.stop_on_first_failure,
          maxTests: spec.max_tests,
          signal: context.signal,
        });
        return toResult(scored, { name: tools.name, limits, scoreTests: spec.score_tests });
      },
      () => runner.close(),
    );
  },
});

interface TestTally {
  passed: number;
  total: number;
  firstFailure: string | undefined;
}

function tally(score: ProgramScore, prefix: string, components: Record<string, number>): TestTally {
  let passed = 0;
  let firstFailure: string | undefined;
  score.outcomes.forEach((outcome, index) => {
    components[`${prefix}${index + 1}`] = outcome.passed ? 1 : 0;
    if (outcome.passed) passed++;
    else firstFailure ??= `test ${index + 1}: ${outcome.message ?? "failed"}`;
  });
  return { passed, total: score.outcomes.length, firstFailure };
}

/**
 * The node's result: the fraction of tests passed (of the hidden ones alone, by default, when the
 * reference has hidden tests), a component per test (`test_i`, `hidden_i`), the first failure as
 * the reason, and LIMIT_EXCEEDED naming the limit when a run escaped one.
 */
function toResult(
  scored: ProgramScores,
  options: { name: string; limits: ProgramLimits; scoreTests: "hidden" | "all" },
): RewardResult {
  const components: Record<string, number> = {};
  const visible = tally(scored.visible, `${options.name}.test_`, components);
  const hidden = scored.hidden ? tally(scored.hidden, `${options.name}.hidden_`, components) : undefined;
  const limited = scored.visible.limit
    ? { ...scored.visible.limit, set: "test" }
    : scored.hidden?.limit
      ? { ...scored.hidden.limit, set: "hidden test" }
      : undefined;
  if (limited) {
    return {
      score: 0,
      components,
      error: {
        code: "LIMIT_EXCEEDED",
        message: `${limited.set} ${limited.test + 1}: ${describeLimit(limited.hit, options.limits)}`,
      },
    };
  }
  if (!hidden) {
    const result: RewardResult = {
      score: visible.total === 0 ? 0 : visible.passed / visible.total,
      components,
    };
    if (visible.firstFailure !== undefined)
      result.reason = `${visible.passed}/${visible.total} passed; first failure: ${visible.firstFailure}`;
    return result;
  }
  const counted =
    options.scoreTests === "hidden"
      ? hidden
      : { passed: visible.passed + hidden.passed, total: visible.total + hidden.total };
  const score = counted.total === 0 ? 0 : counted.passed / counted.total;
  const parts = [
    `visible ${visible.passed}/${visible.total}, hidden ${hidden.passed}/${hidden.total} passed`,
  ];
  // The signature of a program fitted to the tests it was shown (special-cased or printed answers).
  if (visible.total > 0 && visible.passed === visible.total && hidden.passed < hidden.total)
    parts.push("passes every visible test but not the hidden ones");
  if (hidden.firstFailure !== undefined) parts.push(`first hidden failure: ${hidden.firstFailure}`);
  else if (visible.firstFailure !== undefined) parts.push(`first visible failure: ${visible.firstFailure}`);
  return { score, components, reason: parts.join("; ") };
}
