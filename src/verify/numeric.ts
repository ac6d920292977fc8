import { z } from "zod";
import { completionText, defineNode, perSample, RewardkitError, referenceText } from "../core/index.js";
import { evaluate, NotNumericError } from "./math/evaluate.js";
import { answerCandidates, isExplicitSource } from "./math/extract.js";
import { normalizeAnswer } from "./math/normalize.js";
import { MathLimitError, parseMath } from "./math/parse.js";
import { MathSyntaxError } from "./math/tokenize.js";

/** The numeric value of an answer text (`1,234`, `\frac{3}{4}`, `2\sqrt{2}`, `45%`), if it has one. */
export function numericValue(text: string): number | undefined {
  try {
    const value = evaluate(parseMath(normalizeAnswer(text)), () => Number.NaN);
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  } catch (error) {
    if (
      error instanceof MathSyntaxError ||
      error instanceof NotNumericError ||
      error instanceof MathLimitError
    )
      return undefined;
    throw error;
  }
}

/** The first answer candidate with a numeric value, as the math verifier finds candidates. */
export function extractNumber(
  text: string,
  wholeFirst: boolean,
): { value: number; text: string } | undefined {
  let tried = 0;
  for (const candidate of answerCandidates(text, { wholeFirst })) {
    if (candidate.text === "") continue;
    if (tried++ >= 4) break;
    if (candidate.text.length > 2_000) continue;
    const value = numericValue(candidate.text);
    if (value !== undefined) return { value, text: candidate.text };
    if (isExplicitSource(candidate.source)) return undefined;
  }
  return undefined;
}

/** |answer − reference| ≤ max(absolute, relative·|reference|). */
export function withinTolerance(
  answer: number,
  reference: number,
  tolerance: { absolute: number; relative: number },
): boolean {
  return (
    Math.abs(answer - reference) <= Math.max(tolerance.absolute, tolerance.relative * Math.abs(reference))
  );
}

export const numericNode = defineNode({
  type: "numeric",
  summary:
    "1 when the completion's final number is within tolerance of the reference number (absolute or relative, e.g. chart QA's 5% relaxed accuracy); else 0.",
  fields: z.object({
    absolute: z.number().min(0).default(0).describe("Absolute tolerance."),
    relative: z
      .number()
      .min(0)
      .default(1e-6)
      .describe("Relative tolerance (of the reference); 0.05 is chart QA's relaxed accuracy."),
    max_chars: z
      .number()
      .int()
      .positive()
      .default(200_000)
      .describe("Longer completions fail with LIMIT_EXCEEDED."),
  }),
  example: "{ type: numeric, relative: 0.05 }",
  needsReference: true,
  create(spec) {
    const tolerance = { absolute: spec.absolute, relative: spec.relative };
    return perSample((sample) => {
      // needsReference: rows without one never reach here.
      const referenceString = referenceText(sample) ?? "";
      const reference = extractNumber(referenceString, true);
      if (!reference)
        throw new RewardkitError(
          "INPUT_INVALID",
          `reference: no number in ${JSON.stringify(referenceString.slice(0, 80))}`,
        );
      const text = completionText(sample);
      if (text.length > spec.max_chars) {
        throw new RewardkitError(
          "LIMIT_EXCEEDED",
          `the completion has ${text.length} characters, over max_chars=${spec.max_chars}`,
        );
      }
      const answer = extractNumber(text, false);
      if (!answer) return { score: 0, reason: "no number found in the completion" };
      const ok = withinTolerance(answer.value, reference.value, tolerance);
      return {
        score: ok ? 1 : 0,
        reason: `read ${answer.value} from "${answer.text}"; reference ${reference.value}: ${ok ? "within" : "outside"} tolerance`,
      };
    });
  },
});
