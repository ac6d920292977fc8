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
import { type ProgramScore, scoreProgram } from "./code/score-program.js";
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
      .describe("Run stdin/stdout tests in order and stop at the first failure."),
    max_tests: positiveInteger
      .optional()
      .describe("Run at most this many stdin/stdout tests (the first ones)."),
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
        const scored = await scoreProgram({
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
        return toResult(scored, tools.name, limits);
      },
      () => runner.close(),
    );
  },
});

function toResult(scored: ProgramScore, name: string, limits: ProgramLimits): RewardResult {
  const components: Record<string, number> = {};
  let passed = 0;
  let reason: string | undefined;
  scored.outcomes.forEach((outcome, index) => {
    components[`${name}.test_${index + 1}`] = outcome.passed ? 1 : 0;
    if (outcome.passed) passed++;
    else reason ??= `test ${index + 1}: ${outcome.message ?? "failed"}`;
  });
  if (scored.limit) {
    return {
      score: 0,
      components,
      error: {
        code: "LIMIT_EXCEEDED",
        message: `test ${scored.limit.test + 1}: ${describeLimit(scored.limit.hit, limits)}`,
      },
    };
  }
  const total = scored.outcomes.length;
  const result: RewardResult = { score: total === 0 ? 0 : passed / total, components };
  if (reason !== undefined) result.reason = `${passed}/${total} passed; first failure: ${reason}`;
  return result;
}
