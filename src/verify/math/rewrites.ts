const unicodeFractions: Record<string, string> = {
  "½": "1/2",
  "⅓": "1/3",
  "⅔": "2/3",
  "¼": "1/4",
  "¾": "3/4",
  "⅕": "1/5",
  "⅖": "2/5",
  "⅗": "3/5",
  "⅘": "4/5",
  "⅙": "1/6",
  "⅚": "5/6",
  "⅛": "1/8",
  "⅜": "3/8",
  "⅝": "5/8",
  "⅞": "7/8",
};

interface Rewrite {
  pattern: RegExp;
  replacement: string | ((match: string) => string);
  /** Runs only when this is in the text (most answers need few of the rewrites). */
  when: string | RegExp;
}

const rewrite = (pattern: RegExp, replacement: Rewrite["replacement"], when: Rewrite["when"]): Rewrite => ({
  pattern,
  replacement,
  when,
});

/** Ordered rewrites that turn the many spellings of one answer into one spelling. */
const rewrites: Rewrite[] = [
  rewrite(/\\!\s*/g, "", "\\!"),
  rewrite(/\\(?:displaystyle|textstyle|limits|nolimits|,|;|:|>)/g, " ", "\\"),
  rewrite(/\\q?quad/g, " ", "quad"),
  rewrite(/(?<!\\)\\ /g, " ", "\\ "),
  rewrite(/~/g, " ", "~"),
  rewrite(/\\(?:m?left|m?right)\./g, "", "\\"),
  rewrite(/\\(?:m?left|m?right|[bB]igg?[lr]?)(?=[\\([|{}\])])/g, "", "\\"),
  rewrite(
    /\\(?:mathrm|mathit|textbf|textit|textrm|textnormal|textsf|texttt|mbox|hbox|emph)\b\s*\{/g,
    "\\text{",
    "\\",
  ),
  rewrite(/\\(?:d|t|c)frac(?![A-Za-z])/g, "\\frac", "frac"),
  rewrite(/\\(?:d|t)binom(?![A-Za-z])/g, "\\binom", "binom"),
  rewrite(/\\text\{\s*\}/g, "", "\\text"),
  // Degrees become one mark the parser reads: the number itself, or radians inside \sin, \cos, ...
  rewrite(
    /\^\s*\{?\s*\\circ\s*\}?|\\degree(?![A-Za-z])|°|\^\{\\text\{o\}\}/g,
    "\\degree ",
    /circ|degree|°|\^\{\\text/,
  ),
  rewrite(/,?\s*\\(?:ldots|cdots|dots|dotsc|dotsb|dotso)(?![A-Za-z])/g, " ", "dots"),
  rewrite(/\s*\{\s*,\s*\}\s*/g, ",", "{"),
  rewrite(/,?\s*\\text\{\s*(?:and|or)\s*\}\s*/g, ", ", "\\text"),
  rewrite(/(?<![A-Za-z\\])(?:,\s*)?\b(?:and|or)\b(?![A-Za-z])/g, ",", /\b(?:and|or)\b/),
  rewrite(
    /\\text\{\s*(?:percent|percentage|pct)\s*\}|\s*\b(?:percentage|percent|pct)\b/g,
    "\\%",
    /percent|pct/,
  ),
  rewrite(/(?<![\\A-Za-z])infinity\b|(?<![\\A-Za-z])inf\b/g, "\\infty", "inf"),
  rewrite(/\\infin(?![A-Za-z])/g, "\\infty", "infin"),
  rewrite(/[−–]/g, "-", /[−–]/),
  rewrite(/×/g, "\\times ", "×"),
  rewrite(/÷/g, "\\div ", "÷"),
  rewrite(/·/g, "\\cdot ", "·"),
  rewrite(/\\\$|\$/g, "", "$"),
  // `\15`: a dollar sign lost its `$` on the way (`\$15` → `\15`).
  rewrite(/(?<!\\)\\(?=\d)/g, "", /\\\d/),
  rewrite(
    /\\(?:textdollar|euro|pounds|yen)(?![A-Za-z])|[€£¥₹]/g,
    "",
    /\\(?:textdollar|euro|pounds|yen)|[€£¥₹]/,
  ),
  rewrite(
    /[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]/g,
    (fraction) => `\\frac{${unicodeFractions[fraction]?.replace("/", "}{")}}`,
    /[½⅓⅔¼¾⅕⅖⅗⅘⅙⅚⅛⅜⅝⅞]/,
  ),
  // `\text{\$}18`: a text command emptied by the rewrites above.
  rewrite(/\\text\{\s*\}/g, "", "\\text"),
  rewrite(/\s+/g, " ", /\s/),
];

/** Applies the rewrites whose trigger is in the text, in order. */
export function applyRewrites(input: string): string {
  let text = input;
  for (const { pattern, replacement, when } of rewrites) {
    if (typeof when === "string" ? !text.includes(when) : !when.test(text)) continue;
    text =
      typeof replacement === "string"
        ? text.replace(pattern, replacement)
        : text.replace(pattern, replacement);
  }
  return text;
}
