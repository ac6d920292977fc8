/** A number found in prose: its text (as the answer will be parsed) and where it ends. */
export interface Located {
  text: string;
  start: number;
  end: number;
}

// A number in prose: a mixed number (`3 1/2`), a fraction `a/b`, thousands with commas or spaces,
// a decimal, with an optional sign and percent. The look-arounds keep it from starting inside a word.
const standaloneNumber =
  /(?:(?<=^|[\s=(:$*])-)?(?<![\w.{^_])(?:\d+ \d+\/\d+(?![\d/])|\d+(?:\.\d+)?\s*\/\s*\d+(?:\.\d+)?|\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d{1,3}(?: \d{3})+(?![\d,])(?:\.\d+)?|\d+(?:\.\d+)?|\.\d+)(?: (?:thousand|million|billion|trillion)\b)?(?:\s*(?:\\?%|percent\b))?(?!\d|\.\d)/g;

/** The last number (or `a/b` fraction) in text[from, until), with a percent sign that follows it. */
export function lastNumber(text: string, from = 0, until = text.length): Located | undefined {
  let last: Located | undefined;
  standaloneNumber.lastIndex = from;
  for (
    let match = standaloneNumber.exec(text);
    match && match.index < until;
    match = standaloneNumber.exec(text)
  ) {
    last = { text: match[0], start: match.index, end: match.index + match[0].length };
  }
  return last;
}

/** The first number in text[from, until), read from a short slice (one character of context kept). */
export function firstNumber(text: string, from: number, until: number): Located | undefined {
  const start = Math.max(0, from - 1);
  const window = text.slice(start, until);
  standaloneNumber.lastIndex = from - start;
  const match = standaloneNumber.exec(window);
  return match
    ? { text: match[0], start: start + match.index, end: start + match.index + match[0].length }
    : undefined;
}

const decimalCommaNumber = /(?:(?<=^|[\s=(:$*])-)?(?<![\w.,])\d+,\d+(?![\d,])/g;

/** The last `2,74`-style number (a decimal comma; `1,234` stays a thousands separator), as `2.74`. */
export function lastDecimalCommaNumber(text: string): Located | undefined {
  let last: Located | undefined;
  decimalCommaNumber.lastIndex = 0;
  for (let match = decimalCommaNumber.exec(text); match; match = decimalCommaNumber.exec(text)) {
    if (/^-?\d{1,3},\d{3}$/.test(match[0])) continue;
    last = { text: match[0].replace(",", "."), start: match.index, end: match.index + match[0].length };
  }
  return last;
}

const plainValue = String.raw`-?\d+(?:\.\d+)?(?:\s*\/\s*\d+)?`;
const followingAlternative = new RegExp(
  String.raw`^\s*(?:,\s*(?:or\s+|and\s+)?|\s+or\s+|\s+and\s+)(?:maybe\s+|perhaps\s+|possibly\s+)?(${plainValue})(?!\d|\.\d|\w)`,
);
const precedingAlternative = new RegExp(
  String.raw`(?:^|[^\w.\/])(${plainValue})\s*(,\s*or|,|\bor)\s+(?:maybe\s+|perhaps\s+)?$`,
);

/**
 * The values a sentence offers together with the one at text[start, end): "2 or 3", "2, 3, or 4",
 * "either 5 or 6". Following values joined by a comma, "or" or "and"; preceding ones only when an
 * "or" links them (a prose list before the last number is usually not the answer). One value
 * gives back its own text.
 */
export function offeredValues(text: string, located: Located): string {
  const values = [located.text];
  let end = located.end;
  for (let round = 0; round < 8; round++) {
    const match = followingAlternative.exec(text.slice(end, end + 60));
    if (!match) break;
    // "3 and 1/2" is the mixed number 3½, not two answers.
    const proper = /^(\d+)\s*\/\s*(\d+)$/.exec(match[1] as string);
    if (
      round === 0 &&
      /^\d+$/.test(located.text) &&
      /\band\b/.test(match[0]) &&
      proper &&
      Number(proper[1]) < Number(proper[2])
    )
      return `${located.text} ${proper[1]}/${proper[2]}`;
    values.push(match[1] as string);
    end += match[0].length;
  }
  let start = located.start;
  let sawOr = values.length > 1 && /\bor\b/.test(text.slice(located.end, end));
  const before: string[] = [];
  for (let round = 0; round < 8; round++) {
    const sliceStart = Math.max(0, start - 60);
    const slice = text.slice(sliceStart, start);
    if (!slice.includes(",") && !slice.includes("or")) break;
    const match = precedingAlternative.exec(slice);
    if (!match) break;
    const value = match[1] as string;
    before.unshift(value);
    if ((match[2] as string).includes("or")) sawOr = true;
    start = sliceStart + match.index + match[0].indexOf(value);
  }
  if (before.length > 0 && sawOr) values.unshift(...before);
  if (values.length === 1) return located.text;
  return values.map((value) => value.replace(/(\d),(?=\d{3}(?!\d))/g, "$1")).join(", ");
}
