import { z } from "zod";
import { completionText, defineNode, perSample, RewardkitError, referenceText } from "../core/index.js";
import { defaultMathOptions, verifyMath } from "./math/verify-math.js";

export const mathNode = defineNode({
  type: "math",
  summary:
    "1 when the completion's final answer equals the reference answer (numbers, fractions, LaTeX, sets, intervals, equations, expressions); else 0. The reason says what was extracted and why.",
  fields: z.object({
    float_rounding: z
      .number()
      .int()
      .min(0)
      .max(15)
      .default(defaultMathOptions.floatRounding)
      .describe(
        "Decimal places both sides are rounded to when either is written as a decimal (Math-Verify's default).",
      ),
    tolerance: z
      .number()
      .positive()
      .max(0.1)
      .default(defaultMathOptions.relativeTolerance)
      .describe("Relative tolerance for exact values (fractions, roots, π) and random-point checks."),
    allow_set_relation: z
      .boolean()
      .default(false)
      .describe(
        "Accept an inequality answer for an interval reference (`-2 ≤ x ≤ 7` for `[-2, 7]`); off, so echoing the problem's inequality earns nothing.",
      ),
    decimal_comma: z
      .boolean()
      .default(false)
      .describe("Read `2,74` in prose as 2.74 (European decimal commas)."),
    max_chars: z
      .number()
      .int()
      .positive()
      .default(defaultMathOptions.maxChars)
      .describe("Longer completions fail with LIMIT_EXCEEDED instead of being scanned."),
  }),
  example: "{ type: math, name: correct }",
  needsReference: true,
  create(spec) {
    const options = {
      floatRounding: spec.float_rounding,
      relativeTolerance: spec.tolerance,
      allowSetRelation: spec.allow_set_relation,
      maxChars: spec.max_chars,
      extraction: { decimalComma: spec.decimal_comma },
    };
    return perSample((sample) => {
      // A list of references is a list of acceptable answers.
      const references = Array.isArray(sample.reference)
        ? sample.reference.filter((item) => typeof item === "string" || typeof item === "number").map(String)
        : [referenceText(sample) ?? ""];
      if (references.every((reference) => reference.trim() === "")) {
        throw new RewardkitError("NOT_APPLICABLE", "the row has no reference answer");
      }
      const completion = completionText(sample);
      let verdict = verifyMath(completion, references[0] as string, options);
      for (const reference of references.slice(1)) {
        if (verdict.correct) break;
        verdict = verifyMath(completion, reference, options);
      }
      return { score: verdict.correct ? 1 : 0, reason: verdict.reason };
    });
  },
});
