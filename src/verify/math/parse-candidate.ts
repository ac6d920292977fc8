import { RewardkitError } from "../../core/index.js";
import type { MathNode } from "./ast.js";
import { type AnswerCandidate, isExplicitSource } from "./extract.js";
import { normalizeAnswer } from "./normalize.js";
import { MathLimitError, maxNesting, parseMath } from "./parse.js";
import { MathSyntaxError } from "./tokenize.js";
import { shorten } from "./verdict-text.js";

/** An answer candidate, normalized and (when it is math this parser reads) parsed. */
export interface Parsed {
  candidate: AnswerCandidate;
  normalized: string;
  node: MathNode | undefined;
}

/** Answers longer than this are not parsed (an extracted "answer" of this size is not one). */
const maxAnswerChars = 2_000;
const maxCandidatesTried = 4;

/**
 * A chain of equations with something unreadable in the middle (`1 = \zzz = x = 0`) still states
 * its last side, and so does an equation whose left side only names the quantity in notation this
 * parser does not read (`\cos \angle RPS = -\frac{24}{25}`); lists (`a=1, b=2`) are not cut.
 */
function parseMathOrLastSide(text: string): MathNode {
  try {
    return parseMath(text);
  } catch (error) {
    if (!(error instanceof MathSyntaxError) || text.includes(",") || text.includes(";")) throw error;
    const sides = text.split(/(?<![<>!\\])=/);
    if (sides.length < 2) throw error;
    return parseMath((sides[sides.length - 1] as string).trim());
  }
}

export function parseCandidate(candidate: AnswerCandidate, decimalComma: boolean): Parsed {
  if (candidate.text.length > maxAnswerChars) {
    throw new RewardkitError(
      "LIMIT_EXCEEDED",
      `the answer found in ${candidate.source} has ${candidate.text.length} characters, over ${maxAnswerChars}`,
    );
  }
  const normalized = normalizeAnswer(candidate.text, { decimalComma });
  try {
    return { candidate, normalized, node: parseMathOrLastSide(normalized) };
  } catch (error) {
    if (error instanceof MathLimitError) {
      throw new RewardkitError(
        "LIMIT_EXCEEDED",
        `the answer "${shorten(candidate.text)}" nests deeper than ${maxNesting} levels`,
      );
    }
    if (error instanceof MathSyntaxError || error instanceof RangeError)
      return { candidate, normalized, node: undefined };
    throw error;
  }
}

/** The first candidate that parses, else the first one as text; an explicit source that fails stops the search. */
export function firstParsed(
  candidates: Iterable<AnswerCandidate>,
  decimalComma: boolean,
): Parsed | undefined {
  let first: Parsed | undefined;
  let tried = 0;
  for (const candidate of candidates) {
    if (tried++ >= maxCandidatesTried) break;
    const parsed = parseCandidate(candidate, decimalComma);
    if (parsed.node) return parsed;
    first ??= parsed;
    if (isExplicitSource(candidate.source)) break;
  }
  return first;
}
