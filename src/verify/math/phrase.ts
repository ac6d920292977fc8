import type { LatexSpan } from "./latex-spans.js";
import { looksLikeProse } from "./prose.js";
import { firstNumber, offeredValues } from "./prose-numbers.js";

const anchor = /(?<![</])\banswer\b(?:\s*(?:is|:|=))?|^[ \t]*A[ \t]*:/gim;

/** Only the last few "answer" phrases are read: a text repeating the word costs no more than this. */
const maxAnchors = 8;

/** Offsets just after the last few "answer" phrases, latest first. */
function anchorsOf(text: string): number[] {
  const anchors: number[] = [];
  anchor.lastIndex = 0;
  for (let match = anchor.exec(text); match; match = anchor.exec(text)) {
    anchors.push(match.index + match[0].length);
    if (anchors.length > maxAnchors) anchors.shift();
  }
  return anchors.reverse();
}

/** Spans joined to `first` by a comma, "and" or "or" ("$2$ or $3$"): the values offered together. */
function offeredSpans(spans: readonly LatexSpan[], first: LatexSpan, text: string): string {
  const index = spans.indexOf(first);
  const contents = [first.content];
  for (let next = index + 1; next < spans.length && contents.length < 8; next++) {
    const gap = text.slice((spans[next - 1] as LatexSpan).end, (spans[next] as LatexSpan).start);
    if (!/^\s*(?:,\s*(?:or|and)?|or|and)\s*$/.test(gap)) break;
    contents.push((spans[next] as LatexSpan).content);
  }
  return contents.join(", ");
}

/**
 * The answer after the last "answer" phrase ("The answer is 5", "Final Answer: $\frac12$"): within
 * 50 characters of the phrase, the first math span or number, whichever ends later (so
 * "Final Answer: the largest $n$ is 34" gives 34), with any values offered beside it ("2 or 3"),
 * else the rest of the sentence if it is math. `spans` is computed only when a phrase is found.
 */
export function phraseAnswer(
  text: string,
  spans: () => readonly LatexSpan[],
  numbers: boolean,
): string | undefined {
  for (const after of anchorsOf(text)) {
    const line = text.slice(after, after + 400).split("\n", 2);
    // "Final answer:" alone on its line: the answer is on the next one.
    const rest = (line[0] as string).trim() === "" && line[1] !== undefined ? line[1] : (line[0] as string);
    const restStart = rest === line[0] ? after : after + (line[0] as string).length + 1;
    const windowEnd = Math.min(restStart + 50, restStart + rest.length);
    const span = spans().find((each) => each.start >= after && each.start < windowEnd);
    const number = numbers ? firstNumber(text, restStart, windowEnd) : undefined;
    if (span && (!number || span.end >= number.end)) return offeredSpans(spans(), span, text);
    if (number) return offeredValues(text, number);
    const sentence = rest.split(/\.(?:\s|$)/, 1)[0]?.replace(/^[\s:*]+|[\s*]+$/g, "") ?? "";
    if (numbers && sentence !== "" && sentence.length <= 120 && !looksLikeProse(sentence)) return sentence;
  }
  return undefined;
}

/**
 * The last bold value (`**42**`, `**$\frac{3}{4}$ cup**`) when no number follows it: a final answer
 * a model marks in bold, as opposed to a bold intermediate result that later steps use.
 */
export function boldAnswer(text: string): string | undefined {
  const close = text.lastIndexOf("**");
  if (close < 2) return undefined;
  const open = text.lastIndexOf("**", close - 1);
  if (open < 0 || close - open > 120 || /\d/.test(text.slice(close))) return undefined;
  const inner = text
    .slice(open + 2, close)
    .replace(/^.*\banswer\b\s*(?:is|:)?/i, "")
    .replace(/^[\s:]+|[\s.]+$/g, "");
  if (!/\d/.test(inner) || inner.includes("\n")) return undefined;
  return inner;
}
