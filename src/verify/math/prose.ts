import { isUnitWord } from "./units.js";
import { functionNames } from "./vocabulary.js";

/** Words that are numbers ("twenty-one", "1.5 million"): part of an answer, not prose around it. */
const numberWords = new Set(
  "zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty thirty forty fifty sixty seventy eighty ninety hundred thousand million billion trillion".split(
    " ",
  ),
);

/**
 * Plain prose is not an answer: two words that are neither math nor units, or one such word
 * beside numbers ("Soucis : 2,74"). A lone word ("odd", "\text{Evelyn}") is an answer.
 */
export function looksLikeProse(text: string): boolean {
  const stripped = text
    .replace(/\\text\{[^{}]*\}|\\(?:begin|end)\{[A-Za-z*]+\}/g, " ")
    .replace(/\\[A-Za-z]+/g, " ");
  let words = 0;
  for (const word of stripped.match(/[A-Za-z]{2,}/g) ?? []) {
    const lower = word.toLowerCase();
    if (functionNames.has(lower) || lower === "and" || lower === "or" || lower === "pi" || lower === "in")
      continue;
    if (isUnitWord(lower) || numberWords.has(lower)) continue;
    if (++words > 1 || (word.length >= 3 && /\d/.test(stripped))) return true;
  }
  return false;
}
