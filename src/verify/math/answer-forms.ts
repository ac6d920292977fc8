/**
 * Whole-answer spellings a grader reads as usual notation, rewritten before parsing:
 * - `]a, b[` and `]a, b]` (French interval brackets) → `(a, b)`, `(a, b]`;
 * - `\{x \mid x > 2\}`, `\{x : x > 2\}` (set-builder) → the condition `x > 2`;
 * - `\begin{cases} x = 1 \\ y = 2 \end{cases}` (and aligned systems) → `x = 1, y = 2`;
 * - `= 5` and `\approx 0.67` → the value; `0.33…` and `0.33...` → `0.33`;
 * - `1.000.000` (two or more dot groups of three) → `1000000`;
 * - `3 and 1/2` → `3\frac{1}{2}`.
 */
export function rewriteAnswerForms(text: string): string {
  if (!/[=.…\][{]|\band\b/.test(text)) return text;
  let result = text;
  result = result.replace(/^(?:=|\\approx|≈|~=)\s*/, "").replace(/\s*(?:\.{3}|…)$/, "");
  if (/^\d{1,3}(?:\.\d{3}){2,}$/.test(result)) return result.replace(/\./g, "");
  result = result.replace(/^(-?\d+)\s+and\s+(\d+)\s*\/\s*(\d+)$/, "$1\\frac{$2}{$3}");
  result = result.replace(
    /\\begin\{(?:cases|aligned|align\*?|gathered)\}([\s\S]*?)\\end\{(?:cases|aligned|align\*?|gathered)\}/g,
    (_match, body: string) =>
      body
        .split("\\\\")
        .map((row) => row.replace(/&/g, "").trim())
        .filter((row) => row !== "")
        .join(", "),
  );
  const builder = /^\\\{\s*[A-Za-z](?:\s*\\in\s*\\mathbb\s*\{?R\}?)?\s*(?:\\mid|\||:)\s*(.+?)\s*\\\}$/.exec(
    result,
  );
  if (builder) return builder[1] as string;
  // French brackets: `]` opening or `[` closing an interval, one interval at a time.
  return result.replace(/([\][])\s*([^[\],]+?)\s*,\s*([^[\],]+?)\s*([\][])/g, (match) => {
    const [, open, low, high, close] = /^([\][])\s*(.+?)\s*,\s*(.+?)\s*([\][])$/.exec(
      match,
    ) as unknown as string[];
    if (open === "[" && close === "]") return match;
    return `${open === "]" ? "(" : "["}${low}, ${high}${close === "[" ? ")" : "]"}`;
  });
}
