import { z } from "zod";
import { completionText, defineNode, perSample, RewardkitError, type Sample } from "../core/index.js";

export interface MatchOptions {
  trim: boolean;
  caseSensitive: boolean;
  collapseWhitespace: boolean;
  /** SQuAD's answer normalization: lowercase, no punctuation, no articles, single spaces. */
  squad?: boolean;
}

/** SQuAD's `normalize_answer` (as Search-R1 and Router-R1 score exact match). */
export function squadNormalize(text: string): string {
  return text
    .toLowerCase()
    .replace(/[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g, "")
    .replace(/\b(a|an|the)\b/g, " ")
    .split(/\s+/)
    .filter((word) => word !== "")
    .join(" ");
}

/** The last `<answer>…</answer>` content, or the whole text when there is none. */
export function answerTagOrWhole(text: string): string {
  const open = text.lastIndexOf("<answer>");
  if (open < 0) return text;
  const close = text.indexOf("</answer>", open);
  return text.slice(open + "<answer>".length, close < 0 ? undefined : close);
}

export function normalizeForMatch(text: string, options: MatchOptions): string {
  if (options.squad) return squadNormalize(text);
  let out = options.trim ? text.trim() : text;
  if (options.collapseWhitespace) out = out.replace(/\s+/g, " ");
  if (!options.caseSensitive) out = out.toLowerCase();
  return out;
}

/** The acceptable answers: the spec's `value`, else the row's reference (a string, number or list). */
function acceptedAnswers(sample: Sample, value: string | string[] | undefined): string[] | undefined {
  if (value !== undefined) return Array.isArray(value) ? value : [value];
  const reference = sample.reference;
  if (reference === undefined || reference === null) return undefined;
  if (Array.isArray(reference)) return reference.map(String);
  if (typeof reference === "object") return [JSON.stringify(reference)];
  return [String(reference as string | number | boolean)];
}

export const exactMatchNode = defineNode({
  type: "exact_match",
  summary: "1 when the completion equals the reference (or one of several), after normalization; else 0.",
  fields: z.object({
    value: z
      .union([z.string(), z.array(z.string())])
      .optional()
      .describe("Compare against this instead of the row's reference."),
    trim: z.boolean().default(true).describe("Ignore leading and trailing whitespace."),
    case_sensitive: z.boolean().default(true),
    collapse_whitespace: z.boolean().default(false).describe("Treat runs of whitespace as one space."),
    squad: z
      .boolean()
      .default(false)
      .describe("SQuAD normalization (lowercase, no punctuation or articles), as QA exact match uses."),
    answer_only: z
      .boolean()
      .default(false)
      .describe("Compare the `<answer>…</answer>` content when present."),
  }),
  example: "{ type: exact_match, case_sensitive: false }",
  needsReference: (spec) => spec.value === undefined,
  create(spec) {
    const options: MatchOptions = {
      trim: spec.trim,
      caseSensitive: spec.case_sensitive,
      collapseWhitespace: spec.collapse_whitespace,
      squad: spec.squad,
    };
    const fixed =
      spec.value === undefined ? undefined : acceptedAnswers({ completion: "", prompt: "" }, spec.value);
    const fixedNormalized = fixed?.map((answer) => normalizeForMatch(answer, options));
    return perSample((sample) => {
      // The common row: one reference, a string, compared with the completion (no arrays per sample).
      const reference = sample.reference;
      if (fixedNormalized === undefined && typeof reference === "string") {
        const text = completionText(sample);
        const completion = normalizeForMatch(spec.answer_only ? answerTagOrWhole(text) : text, options);
        return normalizeForMatch(reference, options) === completion ? 1 : 0;
      }
      const answers =
        fixedNormalized ?? acceptedAnswers(sample, undefined)?.map((a) => normalizeForMatch(a, options));
      if (!answers) {
        throw new RewardkitError(
          "NOT_APPLICABLE",
          "the row has no reference to match and the spec gives no value",
        );
      }
      const text = completionText(sample);
      const completion = normalizeForMatch(spec.answer_only ? answerTagOrWhole(text) : text, options);
      return answers.includes(completion) ? 1 : 0;
    });
  },
});
