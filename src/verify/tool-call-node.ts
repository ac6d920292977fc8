import { z } from "zod";
import { completionText, defineNode, perSample, type RewardResult } from "../core/index.js";
import { completionCalls, type ToolCall, ToolCallParseError } from "./tool-call/calls.js";
import { readExpectation } from "./tool-call/expected.js";
import { scoreCalls } from "./tool-call/score-calls.js";
import { findSurplus } from "./tool-call/surplus.js";
import {
  type RewardSchedule,
  scheduledRange,
  toolrlFormatOk,
  toolrlLengthScore,
} from "./tool-call/toolrl-format.js";

const range = z
  .tuple([z.number(), z.number()])
  .refine(([low, high]) => low < high, "the range must be [low, high] with low < high");

export const toolCallNode = defineNode({
  type: "tool_call",
  summary:
    "Tool-call correctness against expected calls (literal, BFCL alternatives, or a ToolRL gold output): ToolRL's format + fine-grained name/parameter-name/value reward, a [0,1] fraction, or exact match.",
  paper: "ToolRL (#8)",
  fields: z.object({
    scoring: z
      .enum(["toolrl", "fraction", "exact"])
      .default("toolrl")
      .describe(
        "toolrl: format (0/1) + correctness mapped onto `correctness_range` (ToolRL's R); fraction: S/S_max in [0, 1]; exact: 1 when every call matches whole.",
      ),
    correctness_range: range.default([-3, 3]).describe("ToolRL's [R_min, R_max] (CORRECTMAX1 is [-1, 1])."),
    format_range: range.default([0, 1]).describe("ToolRL's format reward range (toolrl scoring)."),
    format: z.boolean().default(true).describe("Add ToolRL's format reward (toolrl scoring)."),
    granularity: z
      .enum(["fine", "intermediate", "coarse"])
      .default("fine")
      .describe(
        "fine: names, parameter names, values; intermediate: whole calls only; coarse: exact or R_min (ToolRL ablations).",
      ),
    strict_lists: z
      .boolean()
      .default(false)
      .describe("ToolRL's REFINEDREWARD: name and key lists must match exactly."),
    pairing: z
      .enum(["auto", "greedy", "optimal"])
      .default("auto")
      .describe(
        "Pairing of expected and answer calls: greedy in reference order (ToolRL's rlla.py), or the best assignment (BFCL accepts parallel calls in any order); auto: optimal for BFCL references, greedy otherwise.",
      ),
    schedule: z
      .enum(["none", "dynamic", "max1_step30_max3"])
      .default("none")
      .describe("ToolRL's reward-range schedules by training step (SCHEDULEREWARD, MAX1STEP30MAX3)."),
    allow_extra_calls: z
      .boolean()
      .default(false)
      .describe(
        "Give partial credit (ToolRL's formula) to answers with more calls than the reference expects; by default such an answer scores as wrong (fraction 0, R_min).",
      ),
    allow_duplicate_calls: z
      .boolean()
      .default(false)
      .describe(
        "Give partial credit to answers repeating a call with the same arguments; by default refused.",
      ),
    allow_extra_arguments: z
      .boolean()
      .default(false)
      .describe(
        "Give partial credit to calls with arguments the expected call does not have; by default refused (with BFCL references, optional parameters are expected ones).",
      ),
    length_target: z
      .number()
      .positive()
      .optional()
      .describe(
        "Add ToolRL's length reward: think-block words / target, capped at 1 (WITHLENGTH; ToolRL uses 512).",
      ),
  }),
  example: "{ type: tool_call, scoring: fraction }",
  needsReference: true,
  create(spec, tools) {
    const key = (part: string) => `${tools.name}.${part}`;
    return perSample((sample, context): RewardResult => {
      const expectation = readExpectation(sample.reference);
      const text = completionText(sample);
      let calls: ToolCall[] | undefined;
      let parseProblem: string | undefined;
      try {
        calls = completionCalls(sample, text);
      } catch (error) {
        if (!(error instanceof ToolCallParseError)) throw error;
        parseProblem = error.message;
      }
      const [low, high] = scheduledRange(
        "correctness",
        spec.correctness_range,
        spec.schedule as RewardSchedule,
        context.step,
      );
      const expectedNames = expectation.calls.map((call) => call.name).join(", ") || "no call";
      let fraction: number;
      let correctness: number;
      let reason: string;
      const refusal =
        calls !== undefined && calls.length > 0 && expectation.calls.length > 0
          ? refused(findSurplus(expectation.calls, calls, expectation.alternatives), spec)
          : undefined;
      if (expectation.calls.length === 0) {
        // ToolRL gives 0 when the gold output makes no call; fraction/exact reward making none.
        fraction = calls !== undefined && calls.length === 0 ? 1 : 0;
        correctness = 0;
        reason = `no call expected; ${calls === undefined ? parseProblem : `${calls.length} made`}`;
      } else if (calls === undefined || calls.length === 0) {
        fraction = 0;
        correctness = low;
        reason = `expected ${expectedNames}; ${parseProblem ?? "no tool call found"}`;
      } else if (refusal !== undefined) {
        fraction = 0;
        correctness = low;
        reason = `expected ${expectedNames}; got ${calls.map((call) => call.name).join(", ")}: refused: ${refusal}`;
      } else {
        const result = scoreCalls(expectation.calls, calls, {
          alternatives: expectation.alternatives,
          strictLists: spec.strict_lists,
          wholeCallsOnly: spec.granularity === "intermediate",
          pairing: spec.pairing === "auto" ? (expectation.alternatives ? "optimal" : "greedy") : spec.pairing,
        });
        fraction =
          spec.granularity === "coarse" ? Number(result.exact) : result.exact ? 1 : result.score / result.max;
        correctness = result.exact ? high : (high - low) * fraction + low;
        reason = `expected ${expectedNames}; got ${calls.map((call) => call.name).join(", ")}: S = ${round(result.score)} of ${result.max}${result.exact ? " (exact)" : ""}`;
      }
      if (spec.scoring === "fraction") return { score: fraction, reason };
      if (spec.scoring === "exact") return { score: fraction === 1 ? 1 : 0, reason };
      const components: Record<string, number> = { [key("correctness")]: correctness };
      let score = correctness;
      if (spec.format) {
        const [formatLow, formatHigh] = scheduledRange(
          "format",
          spec.format_range,
          spec.schedule as RewardSchedule,
          context.step,
        );
        const format = toolrlFormatOk(text, expectation.blocks) ? formatHigh : formatLow;
        components[key("format")] = format;
        score += format;
      }
      if (spec.length_target !== undefined) {
        const length = toolrlLengthScore(text, spec.length_target);
        components[key("length")] = length;
        score += length;
      }
      return { score, components, reason };
    });
  },
});

/** Why the answer's surplus is refused (issue 15 §3), naming the option that allows it; or undefined. */
function refused(
  surplus: ReturnType<typeof findSurplus>,
  spec: { allow_extra_calls: boolean; allow_duplicate_calls: boolean; allow_extra_arguments: boolean },
): string | undefined {
  const reasons: string[] = [];
  if (!spec.allow_duplicate_calls && surplus.duplicates.length > 0)
    reasons.push(`duplicate calls ${surplus.duplicates.join(", ")} (allow_duplicate_calls)`);
  if (!spec.allow_extra_calls && surplus.extraCalls.length > 0)
    reasons.push(
      `calls the reference does not ask for: ${surplus.extraCalls.join(", ")} (allow_extra_calls)`,
    );
  if (!spec.allow_extra_arguments && surplus.extraArguments.length > 0)
    reasons.push(
      `arguments the reference does not have: ${surplus.extraArguments.join(", ")} (allow_extra_arguments)`,
    );
  return reasons.length > 0 ? reasons.join("; ") : undefined;
}

function round(value: number): number {
  return Math.round(value * 1000) / 1000;
}
