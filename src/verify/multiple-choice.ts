import { z } from "zod";
import { completionText, defineNode, perSample, RewardkitError, type Sample } from "../core/index.js";
import { lastBoxed } from "./math/boxed.js";

/**
 * The chosen letter in a completion, tried in order: `\boxed{B}`, `<answer>B</answer>`, an
 * "answer/option/choice is (B)" phrase, a line holding only the letter ("(B)", "B.", "**B**"), then
 * the last bracketed or dotted letter ("(B)", "B)", "B."). Bare capitals inside prose ("A cat") are
 * never read as a choice.
 */
export function extractChoice(text: string, letters: string): { letter: string; from: string } | undefined {
  const valid = new Set([...letters.toUpperCase()]);
  const single = (candidate: string | undefined) => {
    const match = /^(?:\\text\{)?\**\(?([A-Za-z])\)?[.:]?\**\}?$/.exec((candidate ?? "").trim());
    const letter = match?.[1]?.toUpperCase();
    return letter !== undefined && valid.has(letter) ? letter : undefined;
  };
  const boxed = lastBoxed(text);
  const fromBox = single(boxed?.[boxed.length - 1]?.content);
  if (fromBox) return { letter: fromBox, from: "\\boxed{}" };
  const open = text.lastIndexOf("<answer>");
  if (open >= 0) {
    const close = text.indexOf("</answer>", open);
    const inner = text.slice(open + 8, close < 0 ? undefined : close);
    const fromTag = single(inner) ?? lastLetter(inner, valid, phrase);
    if (fromTag) return { letter: fromTag, from: "<answer> tags" };
  }
  const fromPhrase = lastLetter(text, valid, phrase);
  if (fromPhrase) return { letter: fromPhrase, from: '"answer is" phrase' };
  for (const line of text.split("\n").reverse()) {
    const fromLine = single(line);
    if (fromLine) return { letter: fromLine, from: "a line of its own" };
  }
  const fromMark = lastLetter(text, valid, marked);
  if (fromMark) return { letter: fromMark, from: "a bracketed letter" };
  return undefined;
}

// Written so that no two adjacent parts can match the same spaces (no quadratic backtracking).
const phrase =
  /\b(?:answer|option|choice)s?(?:\s+(?:is|would be|should be)\b)?(?:\s*[:=])?\s*(?:(?:\\boxed\{|\\text\{|\*\*|\$)\s*)*\(?([A-Za-z])\)?(?![A-Za-z])/gi;
const marked = /(?:^|[\s*([])\(([A-Za-z])\)|(?:^|\s)([A-Z])[.)](?=\s|$)/g;

function lastLetter(text: string, valid: ReadonlySet<string>, pattern: RegExp): string | undefined {
  let found: string | undefined;
  pattern.lastIndex = 0;
  for (let match = pattern.exec(text); match; match = pattern.exec(text)) {
    const letter = (match[1] ?? match[2])?.toUpperCase();
    if (letter !== undefined && valid.has(letter)) found = letter;
  }
  return found;
}

function referenceLetters(sample: Sample, letters: string): string[] {
  const reference = sample.reference;
  const items = Array.isArray(reference) ? reference : [reference];
  return items.map((item) => {
    const letter = typeof item === "string" ? extractChoice(item, letters)?.letter : undefined;
    if (!letter)
      throw new RewardkitError(
        "INPUT_INVALID",
        `reference: ${JSON.stringify(item)} is not one of the letters ${letters}`,
      );
    return letter;
  });
}

export const multipleChoiceNode = defineNode({
  type: "multiple_choice",
  summary:
    'Multiple choice: 1 when the letter the completion chooses ("(B)", "B.", "answer: b", \\boxed{B}) is the reference letter (or one of a list); else 0.',
  fields: z.object({
    letters: z
      .string()
      .regex(/^[A-Za-z]+$/)
      .default("ABCDEFGHIJ")
      .describe("The option letters."),
  }),
  example: "{ type: multiple_choice, letters: ABCD }",
  needsReference: true,
  create(spec) {
    return perSample((sample) => {
      const expected = referenceLetters(sample, spec.letters);
      const choice = extractChoice(completionText(sample), spec.letters);
      if (!choice) return { score: 0, reason: "no choice found in the completion" };
      const correct = expected.includes(choice.letter);
      return {
        score: correct ? 1 : 0,
        reason: `chose ${choice.letter} (from ${choice.from}); reference ${expected.join(" or ")}`,
      };
    });
  },
});
