import { RewardkitError } from "../../core/index.js";
import { type CompareOptions, compareAnswers, type Verdict } from "./compare.js";
import { copiedFromPrompt } from "./echo.js";
import { type AnswerCandidate, answerCandidates, type ExtractOptions } from "./extract.js";
import { type HedgingPolicy, judgeHedge } from "./hedging.js";
import { firstParsed, type Parsed, parseCandidate } from "./parse-candidate.js";
import { comparePlainNumbers, plainNumber } from "./plain-number.js";
import { readQuestion } from "./question.js";
import { outsideThinking } from "./thinking.js";
import { describe } from "./verdict-text.js";

export { plainNumber } from "./plain-number.js";

export interface MathVerifyOptions extends CompareOptions {
  /** Completions longer than this are refused with LIMIT_EXCEEDED rather than scanned. */
  maxChars: number;
  /**
   * What the extractor reads (LaTeX, plain numbers) and how it reads `2,5`: `"auto"` (default) as
   * 2.5 when the reference is a single number, `true` always, `false` never (`1,234` is always 1234).
   */
  extraction?: Omit<ExtractOptions, "wholeFirst" | "decimalComma"> & { decimalComma?: boolean | "auto" };
  /** Read answers inside `<think>` blocks too. Off: a scratchpad guess is not an answer. */
  readThinking: boolean;
  /** Several different values for a single-valued reference: `refuse` (default), `last`, `any`. */
  hedging: HedgingPolicy;
  /** An empty final `\boxed{}`: `refuse` (score 0) or `ignore` (read the answer elsewhere). */
  emptyBox: "refuse" | "ignore";
  /** An answer that repeats the prompt's math (`\binom{8}{4}` for "Compute $\binom84$"): `refuse` or `allow`. */
  promptEcho: "refuse" | "allow";
}

export const defaultMathOptions: MathVerifyOptions = {
  floatRounding: 6,
  relativeTolerance: 1e-9,
  allowSetRelation: "solved",
  roundedAnswers: true,
  maxChars: 200_000,
  readThinking: false,
  hedging: "refuse",
  emptyBox: "refuse",
  promptEcho: "refuse",
};

/** One row to verify: the completion, the reference answer, and (optionally) the question. */
export interface MathInput {
  completion: string;
  reference: string;
  /** The question, when known: read for what it asks (a percent, degrees, an exact form) and for copies. */
  prompt?: string;
}

export interface MathVerdict {
  correct: boolean;
  /** Which answer was read from where, and why it was judged so. */
  reason: string;
  /** The answer read from the completion, if any. */
  answer?: string;
}

function verdictOf(answer: AnswerCandidate, gold: AnswerCandidate, verdict: Verdict): MathVerdict {
  return { correct: verdict.equal, reason: describe(answer, gold, verdict), answer: answer.text };
}

/** `"auto"` reads `2,5` as 2.5 only where the reference is one number (a list reads `1,5` as 1 and 5). */
function decimalCommaFor(setting: boolean | "auto" | undefined, gold: Parsed): boolean {
  if (setting !== "auto" && setting !== undefined) return setting;
  const node = gold.node;
  return (
    node !== undefined &&
    (node.kind === "number" || (node.kind === "negate" && node.operand.kind === "number"))
  );
}

/**
 * Whether the completion's final answer equals the reference answer. The reference may be a bare
 * answer (plain or LaTeX), a GSM8K solution ending in `#### N`, or a solution with `\boxed{}`.
 * Hedges, empty boxes, answers only inside `<think>` and copies of the prompt's math score 0 by
 * default (see MathVerifyOptions); every verdict carries a reason.
 */
export function verifyMath(input: MathInput, options: MathVerifyOptions = defaultMathOptions): MathVerdict {
  const { completion, reference, prompt } = input;
  if (completion.length > options.maxChars) {
    throw new RewardkitError(
      "LIMIT_EXCEEDED",
      `the completion has ${completion.length} characters, over max_chars=${options.maxChars}`,
    );
  }
  const { decimalComma, ...extraction } = options.extraction ?? {};
  const goldComma = decimalComma === true;
  let gold = firstParsed(
    answerCandidates(reference, { ...extraction, decimalComma: goldComma, wholeFirst: true }),
    goldComma,
  );
  if (!gold) throw new RewardkitError("NOT_APPLICABLE", "the reference holds no answer");
  const region = options.readThinking ? { text: completion } : outsideThinking(completion);
  const comma = decimalCommaFor(decimalComma, gold);
  const found = answerCandidates(region.text, {
    ...extraction,
    decimalComma: comma,
    wholeFirst: false,
    wordsFallback: !/\d/.test(gold.candidate.text),
    choices: /^\s*(?:\\text\{)?\s*\(?[A-E]\)?\s*\}?\s*$/.test(gold.candidate.text),
  });
  let first = found.next();
  if (!first.done && first.value.text === "") {
    if (options.emptyBox === "refuse") {
      const verdict = { equal: false, how: "the final \\boxed{} is empty (empty_box: ignore reads past it)" };
      return { correct: false, reason: describe(first.value, gold.candidate, verdict), answer: "" };
    }
    first = found.next();
  }
  if (first.done) {
    const where =
      "note" in region && region.note ? ` (${region.note}; read_thinking: true reads inside it)` : "";
    return { correct: false, reason: `no answer found in the completion${where}` };
  }
  const answer = first.value;
  // `1,22` as a reference is 1.22 or the list 1, 22: a decimal answer says which ("auto").
  if (
    (decimalComma ?? "auto") === "auto" &&
    /^-?\d+,\d{1,2}$/.test(gold.candidate.text) &&
    plainNumber(answer.text)?.decimal === true
  ) {
    gold = parseCandidate(gold.candidate, true);
  }
  const goldNumber = plainNumber(gold.candidate.text);
  const answerNumber = plainNumber(answer.text);
  if (goldNumber && answerNumber) {
    return verdictOf(answer, gold.candidate, comparePlainNumbers(goldNumber, answerNumber, options));
  }
  const predicted = firstParsed(
    (function* () {
      yield answer;
      yield* found;
    })(),
    comma,
  ) as Parsed;
  if (predicted.normalized === gold.normalized && predicted.normalized !== "") {
    return verdictOf(predicted.candidate, gold.candidate, {
      equal: true,
      how: "identical after normalization",
    });
  }
  if (!gold.node || !predicted.node) {
    const unparsed = gold.node ? "the answer" : "the reference";
    const how = `${unparsed} is not math this verifier reads, and the texts differ`;
    return verdictOf(predicted.candidate, gold.candidate, { equal: false, how });
  }
  const compareOptions = { ...options, question: readQuestion(prompt) };
  const same = (left: typeof gold.node, right: typeof gold.node) =>
    compareAnswers(left, right, compareOptions);
  const hedge = judgeHedge({ gold: gold.node, predicted: predicted.node, policy: options.hedging, same });
  const verdict = hedge ?? same(gold.node, predicted.node);
  if (verdict.equal && prompt && options.promptEcho === "refuse") {
    const copy = copiedFromPrompt({
      answerText: predicted.candidate.text,
      answer: predicted.node,
      reference: gold.node,
      prompt,
    });
    if (copy) {
      const how =
        "the answer repeats math from the prompt instead of a result (prompt_echo: allow accepts it)";
      return verdictOf(predicted.candidate, gold.candidate, { equal: false, how });
    }
  }
  return verdictOf(predicted.candidate, gold.candidate, verdict);
}
