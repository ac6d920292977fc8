import { z } from "zod";
import {
  completionText,
  defineNode,
  perSample,
  promptText,
  RewardkitError,
  referenceText,
} from "../core/index.js";
import { defaultMathOptions, verifyMath } from "./math/verify-math.js";

export const mathNode = defineNode({
  type: "math",
  summary:
    "1 when the completion's final answer equals the reference answer as a careful grader reads it (numbers, fractions, LaTeX, sets, intervals, equations, expressions; see docs/math-verifier.md); else 0. Hedges, empty boxes, answers only inside <think> and copies of the prompt score 0 by default. The reason says what was extracted and why.",
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
      .union([z.boolean(), z.literal("solved")])
      .default("solved")
      .describe(
        "A relation answer for a set or solved reference (`-2 ≤ x ≤ 7` for `[-2, 7]`, `x = 2`): `solved` accepts it when solved for its variable (the variable alone against constants), `true` any equivalent relation (also `|x-2| ≤ 5` or `2x+4 = 8`, which may restate the problem), `false` also refuses a solved inequality for an interval (Math-Verify's default).",
      ),
    decimal_comma: z
      .union([z.boolean(), z.literal("auto")])
      .default("auto")
      .describe(
        "How `2,5` reads: `auto` as 2.5 when the reference is a single number (else a list), `true` always (European text, also `2,74` in prose), `false` never. `1,234` is a thousands separator in every mode.",
      ),
    rounded_answers: z
      .boolean()
      .default(defaultMathOptions.roundedAnswers)
      .describe(
        "Compare a decimal answer with fewer places than an exact reference at the places it was written with (0.33 for 1/3, 3.14 for π; two significant digits at least), unless the question asks for an exact form.",
      ),
    read_thinking: z
      .boolean()
      .default(defaultMathOptions.readThinking)
      .describe(
        "Also read answers inside `<think>` blocks. Off: only the text after `</think>` counts, and an unclosed block has no answer.",
      ),
    hedging: z
      .enum(["refuse", "last", "any"])
      .default(defaultMathOptions.hedging)
      .describe(
        "Several different final values for a single-valued reference (`2 or 3`, `\\boxed{1}, \\boxed{2}`): `refuse` scores 0, `last` grades the last one, `any` accepts when one is right.",
      ),
    empty_box: z
      .enum(["refuse", "ignore"])
      .default(defaultMathOptions.emptyBox)
      .describe("An empty final `\\boxed{}`: `refuse` scores 0, `ignore` reads the answer elsewhere."),
    prompt_echo: z
      .enum(["refuse", "allow"])
      .default(defaultMathOptions.promptEcho)
      .describe(
        "An answer that repeats the prompt's math instead of a result (`\\binom{8}{4}` for 'Compute $\\binom{8}{4}$'): `refuse` scores 0; needs the row's prompt.",
      ),
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
      roundedAnswers: spec.rounded_answers,
      readThinking: spec.read_thinking,
      hedging: spec.hedging,
      emptyBox: spec.empty_box,
      promptEcho: spec.prompt_echo,
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
      const prompt = promptText(sample);
      let verdict = verifyMath({ completion, reference: references[0] as string, prompt }, options);
      for (const reference of references.slice(1)) {
        if (verdict.correct) break;
        verdict = verifyMath({ completion, reference, prompt }, options);
      }
      return { score: verdict.correct ? 1 : 0, reason: verdict.reason };
    });
  },
});
