import { type BoxReading, lastBoxed } from "./boxed.js";
import { type LatexSpan, lastSpanGroup, latexSpans } from "./latex-spans.js";
import { boldAnswer, phraseAnswer } from "./phrase.js";
import { looksLikeProse } from "./prose.js";
import { lastDecimalCommaNumber, lastNumber, offeredValues } from "./prose-numbers.js";

export { looksLikeProse } from "./prose.js";

/** Where an answer was found, as reasons name it. */
export type AnswerSource =
  | "\\boxed{}"
  | "<answer> tags"
  | "#### "
  | '"answer" phrase'
  | "bold text"
  | "choice letter"
  | "LaTeX math"
  | "whole text"
  | "last number";

export interface AnswerCandidate {
  text: string;
  source: AnswerSource;
}

/** Sources that mark an answer explicitly: when theirs does not parse, nothing weaker is tried. */
export function isExplicitSource(source: AnswerSource): boolean {
  return source === "\\boxed{}" || source === "<answer> tags" || source === "#### ";
}

function answerTagContent(text: string): string | undefined {
  const open = text.lastIndexOf("<answer>");
  if (open < 0) return undefined;
  const close = text.indexOf("</answer>", open);
  return text.slice(open + "<answer>".length, close < 0 ? text.length : close).trim();
}

function gsm8kAnswer(text: string): string | undefined {
  const marker = text.lastIndexOf("####");
  if (marker < 0) return undefined;
  const line =
    text
      .slice(marker + 4)
      .split("\n", 1)[0]
      ?.trim() ?? "";
  if (line === "") return undefined;
  return looksLikeProse(line) ? lastNumber(line)?.text : line;
}

export interface ExtractOptions {
  /** References: the whole text is tried before phrases and spans (a bare gold answer). */
  wholeFirst: boolean;
  /** Read LaTeX (boxes, math spans, whole-text LaTeX). Default true. */
  latex?: boolean;
  /** Read plain numbers and expressions in prose. Default true. */
  numbers?: boolean;
  /** Read `2,74` as 2.74 (European decimal comma) in plain numbers. Default false. */
  decimalComma?: boolean;
  /** Completions: a short text in words is the answer when nothing else is (the reference is words). */
  wordsFallback?: boolean;
  /** Completions: the reference is a multiple-choice letter, so "(B)" or "option B" is read as one. */
  choices?: boolean;
}

const choicePattern =
  /\(([A-E])\)|\b(?:[Oo]ption|[Cc]hoice)\s*(?:is\s*)?:?\s*\(?([A-E])\b|\b[Aa]nswer\s*(?:is|:)?\s*\(?([A-E])\b(?![a-z])/g;

/** The last multiple-choice letter a text commits to: `(B)`, `option B`, `answer: B`. */
function choiceAnswer(text: string): string | undefined {
  let last: string | undefined;
  choicePattern.lastIndex = 0;
  for (let match = choicePattern.exec(text); match; match = choicePattern.exec(text))
    last = match[1] ?? match[2] ?? match[3];
  return last;
}

/** The final box of a text, as one candidate (joined boxes become a list); "" for an empty box. */
export function finalBox(text: string, reading: BoxReading): { content: string; end: number } | undefined {
  const boxes = lastBoxed(text, reading);
  const last = boxes?.[boxes.length - 1];
  return boxes && last ? { content: boxes.map((box) => box.content).join(", "), end: last.end } : undefined;
}

/**
 * A final-answer statement with a value ("the final answer is 30"), `####` or `<answer>` after the
 * last box: the box was a step, not the answer. ("The answer is positive" after a box changes nothing.)
 */
const laterFinalStatement =
  /(?:\b(?:final|correct)\s+answer\s*(?:is|:)|\bthe\s+answer\s+is\b)[^\n]{0,60}?[\d$\\]|^\s*####|<answer>/im;

/**
 * Answer candidates in the order they are tried: `\boxed{}`, `<answer>` tags, GSM8K's `#### N`,
 * an "answer" phrase, a final bold value, the last LaTeX span, the whole text (when short and not
 * prose), the last number. Lazy: the verifier stops at the first candidate that parses, so a boxed
 * answer costs one backwards scan however long the completion is. Empty candidates are skipped,
 * except a completion's empty final box, yielded as "" so the verifier can refuse it.
 */
export function* answerCandidates(text: string, options: ExtractOptions): Generator<AnswerCandidate> {
  const latex = options.latex ?? true;
  const numbers = options.numbers ?? true;
  let found = 0;
  const candidate = (value: string | undefined, source: AnswerSource): AnswerCandidate | undefined => {
    if (value === undefined || value.trim() === "") return undefined;
    found++;
    return { text: value.trim(), source };
  };
  const trimmed = text.trim();
  const whole = (): string | undefined =>
    latex && trimmed.length <= 1000 && !trimmed.includes("\n") && !looksLikeProse(trimmed)
      ? trimmed
      : undefined;
  let box: AnswerCandidate | undefined;
  if (options.wholeFirst) {
    box = candidate(gsm8kAnswer(text), "#### ");
    if (box) yield box;
  }
  const boxed = latex ? finalBox(text, options.wholeFirst ? "reference" : "completion") : undefined;
  const boxIsFinal = !boxed || options.wholeFirst || !laterFinalStatement.test(text.slice(boxed.end));
  if (boxed && boxIsFinal) {
    if (boxed.content === "" && !options.wholeFirst) yield { text: "", source: "\\boxed{}" };
    box = candidate(boxed.content, "\\boxed{}");
    if (box) yield box;
  }
  if (options.wholeFirst) {
    const entire = candidate(whole(), "whole text");
    if (entire) yield entire;
  }
  const tagged = answerTagContent(text);
  if (tagged !== undefined) {
    for (const inner of answerCandidates(tagged, { ...options, wholeFirst: true })) {
      const each = candidate(inner.text, "<answer> tags");
      if (each) yield each;
    }
  }
  if (!options.wholeFirst) {
    const marked = candidate(gsm8kAnswer(text), "#### ");
    if (marked) yield marked;
  }
  if (options.choices) {
    const letter = candidate(choiceAnswer(text), "choice letter");
    if (letter) yield letter;
  }
  let spans: LatexSpan[] | undefined;
  const allSpans = () => {
    spans ??= latex ? latexSpans(text) : [];
    return spans;
  };
  const phrase = candidate(phraseAnswer(text, allSpans, numbers), '"answer" phrase');
  if (phrase) yield phrase;
  const bold = numbers ? candidate(boldAnswer(text), "bold text") : undefined;
  if (bold) yield bold;
  if (boxed && !boxIsFinal) {
    const early = candidate(boxed.content, "\\boxed{}");
    if (early) yield early;
  }
  yield* lastResorts({
    text,
    numbers,
    decimalComma: options.decimalComma === true,
    spans: allSpans(),
    whole: options.wholeFirst ? () => undefined : whole,
    candidate,
  });
  // A short answer in words ("North America") is still an answer when nothing else is.
  const wordsAllowed = options.wholeFirst || options.wordsFallback === true;
  if (
    wordsAllowed &&
    found === 0 &&
    trimmed.length <= (options.wholeFirst ? 1000 : 100) &&
    !trimmed.includes("\n")
  ) {
    const words = candidate(trimmed, "whole text");
    if (words) yield words;
  }
}

interface LastResorts {
  text: string;
  numbers: boolean;
  decimalComma: boolean;
  spans: readonly LatexSpan[];
  whole: () => string | undefined;
  candidate: (value: string | undefined, source: AnswerSource) => AnswerCandidate | undefined;
}

/** The last LaTeX span, the whole text and the last number, the latest-ending one first. */
function* lastResorts({
  text,
  numbers,
  decimalComma,
  spans,
  whole,
  candidate,
}: LastResorts): Generator<AnswerCandidate> {
  const lastSpan = lastSpanGroup(spans, text);
  const comma = numbers && decimalComma ? lastDecimalCommaNumber(text) : undefined;
  const plain = numbers ? lastNumber(text) : undefined;
  const number = comma && (!plain || comma.end >= plain.end) ? comma : plain;
  const numberAfterSpan = number && lastSpan && number.end > lastSpan.end ? number : undefined;
  const spanCandidate = () => (lastSpan ? candidate(lastSpan.content, "LaTeX math") : undefined);
  const results = [
    lastSpan && !numberAfterSpan ? spanCandidate() : undefined,
    candidate(whole(), "whole text"),
    number
      ? candidate(number === comma ? number.text : offeredValues(text, number), "last number")
      : undefined,
    lastSpan && numberAfterSpan ? spanCandidate() : undefined,
  ];
  for (const result of results) if (result) yield result;
}
