/** A math span in prose: `$...$`, `$$...$$`, `\(...\)`, `\[...\]`, or a bare `\frac{a}{b}`. */
export interface LatexSpan {
  content: string;
  start: number;
  end: number;
}

const percentAfter = /^\s*(?:\\?%|percent(?:age)?\b|pct\b)/i;

/**
 * The next occurrence of `needle` at or after a position that only moves forward: each search
 * resumes past the last one, so a text full of unclosed openers is still scanned in linear time.
 */
function forwardFinder(text: string, needle: string): (from: number) => number {
  let cached = -2;
  return (from) => {
    if (cached === -1 || (cached >= from && cached !== -2)) return cached;
    cached = text.indexOf(needle, from);
    return cached;
  };
}

/**
 * The math spans of a text, left to right, in one pass. Inline spans stay on one line (a stray
 * `$` of a price does not swallow a paragraph); display spans may cross lines. A `%` right after a
 * span belongs to it.
 */
export function latexSpans(text: string): LatexSpan[] {
  const spans: LatexSpan[] = [];
  const next = {
    newline: forwardFinder(text, "\n"),
    closeBracket: forwardFinder(text, "\\]"),
    closeParenthesis: forwardFinder(text, "\\)"),
    doubleDollar: forwardFinder(text, "$$"),
    dollar: forwardFinder(text, "$"),
  };
  const onLine = (close: number, from: number) => {
    const newline = next.newline(from);
    return close >= 0 && (newline < 0 || close < newline) ? close : -1;
  };
  const opener = /[$\\]/g;
  let index = 0;
  while (index < text.length) {
    // Only `$` and `\` open spans: jump to the next one.
    opener.lastIndex = index;
    const found = opener.exec(text);
    if (!found) break;
    index = found.index;
    const char = text.charAt(index);
    let span: LatexSpan | undefined;
    if (char === "\\" && (text.charAt(index + 1) === "[" || text.charAt(index + 1) === "(")) {
      const display = text.charAt(index + 1) === "[";
      const close = display
        ? next.closeBracket(index + 2)
        : onLine(next.closeParenthesis(index + 2), index + 2);
      if (close >= 0) span = { content: text.slice(index + 2, close), start: index, end: close + 2 };
    } else if (char === "$" && text.charAt(index - 1) !== "\\") {
      if (text.charAt(index + 1) === "$") {
        const close = next.doubleDollar(index + 2);
        if (close >= 0) span = { content: text.slice(index + 2, close), start: index, end: close + 2 };
      } else if (!/\d/.test(text.charAt(index - 1))) {
        let close = next.dollar(index + 1);
        while (close >= 0 && text.charAt(close - 1) === "\\") close = next.dollar(close + 1);
        close = onLine(close, index + 1);
        if (close > index + 1) span = { content: text.slice(index + 1, close), start: index, end: close + 1 };
      }
    } else if (
      char === "\\" &&
      /^\\[dt]?frac\{-?\d+(?:\.\d+)?\}\{-?\d+(?:\.\d+)?\}/.test(text.slice(index, index + 60))
    ) {
      const match = /^\\[dt]?frac\{-?\d+(?:\.\d+)?\}\{-?\d+(?:\.\d+)?\}/.exec(
        text.slice(index, index + 60),
      ) as RegExpExecArray;
      // A whole number just before it makes a mixed number: `3 \frac{1}{2}` is 3½.
      const whole = /(?:^|[\s(:=])(-?\d+)\s*$/.exec(text.slice(Math.max(0, index - 12), index));
      const negative = !whole && text.charAt(index - 1) === "-";
      const prefix = whole ? `${whole[1]}` : negative ? "-" : "";
      const back = whole ? whole[0].length - whole[0].indexOf(whole[1] as string) : negative ? 1 : 0;
      span = { content: prefix + match[0], start: index - back, end: index + match[0].length };
    }
    if (!span) {
      index++;
      continue;
    }
    const percent = percentAfter.exec(text.slice(span.end, span.end + 16));
    if (percent && span.content.trim() !== "") {
      span.content = `${span.content}\\%`;
      span.end += percent[0].length;
    }
    if (span.content.trim() !== "") spans.push(span);
    index = span.end;
  }
  return spans;
}

const joiner = /^\s*(?:,\s*and|,\s*or|and|or|,)\s*$/;

/** The last span, joined with up to four spans before it when "and", "or" or commas link them. */
export function lastSpanGroup(spans: readonly LatexSpan[], text: string): LatexSpan | undefined {
  const last = spans[spans.length - 1];
  if (!last) return undefined;
  let first = spans.length - 1;
  while (first > 0 && spans.length - first < 5) {
    const before = spans[first - 1] as LatexSpan;
    if (!joiner.test(text.slice(before.end, (spans[first] as LatexSpan).start))) break;
    first--;
  }
  const group = spans.slice(first);
  return {
    content: group.map((span) => span.content).join(", "),
    start: (group[0] as LatexSpan).start,
    end: last.end,
  };
}
