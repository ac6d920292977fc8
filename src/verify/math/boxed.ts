/** A `\boxed{...}` (or `\fbox{...}`) group found in a text. */
export interface BoxedGroup {
  /** What is inside the braces, trimmed. */
  content: string;
  /** Offset of the backslash of `\boxed`. */
  start: number;
  /** Offset just past the closing brace. */
  end: number;
}

const commands = ["\\boxed", "\\fbox"] as const;

/**
 * The offset of the brace closing the one at `open`, or -1. Iterative, so nesting depth costs
 * nothing but time linear in the text.
 */
export function matchingBrace(text: string, open: number, limit = text.length): number {
  let depth = 0;
  for (let index = open; index < limit; index++) {
    const char = text.charCodeAt(index);
    if (char === 123 /* { */) depth++;
    else if (char === 125 /* } */) {
      depth--;
      if (depth === 0) return index;
    }
  }
  return -1;
}

/** The last `\boxed`/`\fbox` command starting before `before`, or -1. */
function lastCommand(text: string, before: number): { at: number; length: number } | undefined {
  let best: { at: number; length: number } | undefined;
  for (const command of commands) {
    const at = text.lastIndexOf(command, before - 1);
    if (at >= 0 && (!best || at > best.at)) best = { at, length: command.length };
  }
  return best;
}

const maxBoxesExamined = 64;

const separatorWords = /\band\b|\bor\b|,|;/;
/** Words between two boxes that take the earlier one back: only the later box is the answer. */
const correctionWords =
  /\b(?:wait|actually|no|not|wrong|mistake|instead|oops|incorrect|however|but|correction)\b/i;
/** Words that make the later box a consequence of the earlier one (a step, not an alternative). */
const consequenceWords = /\b(?:so|then|thus|hence|therefore|gives?|get|yields?|means|implies)\b/i;
/** `y_2 =` between boxes labels the next value; it is not arithmetic. */
const labels = /[A-Za-z](?:_\{?\w+\}?)?(?:\([a-z]\))?\s*=/g;
/** Words that offer boxes as alternatives ("\boxed{1}, or maybe \boxed{2}"). */
const alternativeWords = /\b(?:or|maybe|perhaps|alternatively|possibly|either|might|probably|otherwise)\b/i;

/** How boxes are grouped: a reference's solution, or a completion (where hedges are looked for). */
export type BoxReading = "reference" | "completion";

/**
 * Whether two boxes belong to one final answer. In a reference, boxes that are close or listed
 * ("\boxed{1}, \boxed{2}", "\boxed{(2,2)} and \boxed{(6,2)}") do; "\boxed{1} no no no \boxed{2}" is two
 * attempts. In a completion, boxes also belong together when only a few words of prose offer
 * them as alternatives ("\boxed{1}. Alternatively, \boxed{2}"), so that a hedge is graded as the
 * several answers it gives; a correction word or any arithmetic between them (digits, `=`) makes
 * the earlier box a step or a draft, and only the later one counts.
 */
function belongTogether(between: string, earlier: string, later: string, reading: BoxReading): boolean {
  if (correctionWords.test(between)) return false;
  if (reading === "reference") {
    if (between.length < 10) return true;
    return earlier !== later && between.length < 70 && separatorWords.test(between);
  }
  if (consequenceWords.test(between) || between.length > 160) return false;
  if (/[\d=]/.test(between.replace(labels, " "))) return false;
  return between.length < 10 || separatorWords.test(between) || alternativeWords.test(between);
}

/**
 * The final boxed answer: the last `\boxed{...}` with balanced braces, joined with the boxes just
 * before it when they form a list. Returns undefined when there is no complete box.
 */
export function lastBoxed(text: string, reading: BoxReading = "reference"): BoxedGroup[] | undefined {
  const groups: BoxedGroup[] = [];
  let searchBefore = text.length;
  // Each box costs a scan to its closing brace; a bounded number of boxes keeps a text full of
  // unclosed `\boxed{` linear rather than quadratic.
  for (let examined = 0; searchBefore > 0 && examined < maxBoxesExamined; examined++) {
    const command = lastCommand(text, searchBefore);
    if (!command) break;
    let open = command.at + command.length;
    while (open < text.length && /\s/.test(text.charAt(open))) open++;
    searchBefore = command.at;
    if (text.charAt(open) !== "{") continue;
    const close = matchingBrace(text, open);
    if (close < 0) continue;
    const group = { content: text.slice(open + 1, close).trim(), start: command.at, end: close + 1 };
    const later = groups[groups.length - 1];
    // `\boxed{x = \boxed{5}}`: the inner box is the answer.
    if (later && group.end > later.start) continue;
    if (later && !belongTogether(text.slice(group.end, later.start), group.content, later.content, reading))
      break;
    groups.push(group);
  }
  return groups.length === 0 ? undefined : groups.reverse();
}
