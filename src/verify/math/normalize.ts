import { rewriteAnswerForms } from "./answer-forms.js";
import { lastBoxed, matchingBrace } from "./boxed.js";
import { latexCommaGroups, readDecimalComma } from "./decimal-comma.js";
import { numberFromWords } from "./number-words.js";
import { applyRewrites } from "./rewrites.js";
import { stripTrailingUnits } from "./units.js";

/** Splits at commas and semicolons outside brackets, for per-element unit removal. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let index = 0; index < text.length; index++) {
    const char = text.charAt(index);
    if (char === "{" || char === "(" || char === "[") depth++;
    else if (char === "}" || char === ")" || char === "]") depth = Math.max(0, depth - 1);
    else if ((char === "," || char === ";") && depth === 0 && text.charAt(index - 1) !== "\\") {
      parts.push(text.slice(start, index));
      start = index + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `3 1/2` in plain text is the mixed number 3½, as `3\frac{1}{2}` is in LaTeX. */
function mixedNumber(element: string): string {
  const mixed = /^(-?\d+) (\d+)\/(\d+)$/.exec(element);
  return mixed ? `${mixed[1]}\\frac{${mixed[2]}}{${mixed[3]}}` : element;
}

/** The real line and the empty set under their usual names, as the notation the parser reads. */
function namedSets(text: string): string | undefined {
  if (!/R|ℝ|real|empty|varnothing|∅|\\\{|solution/.test(text)) return undefined;
  const bare = text.replace(/\\text\{\s*([^{}]*?)\s*\}/g, "$1").trim();
  if (
    /^(?:x\s*\\in\s*)?(?:\\mathbb\s*\{?R\}?|\\R|ℝ|\\Bbb\s*\{?R\}?|all real (?:numbers|values)|every real number|any real number)$/i.test(
      bare,
    )
  )
    return "(-\\infty, \\infty)";
  if (
    /^(?:\\emptyset|\\varnothing|∅|\\\{\s*\\\}|no (?:real )?solutions?|there (?:is|are) no (?:real )?solutions?)$/i.test(
      bare,
    )
  )
    return "\\emptyset";
  return undefined;
}

const thousandsWithCommas = /^-?\d{1,3}(?:,\d{3})+(?:\.\d+)?$/;
const thousandsWithSpaces = /^-?\d{1,3}(?: \d{3})+(?:\.\d+)?$/;

/**
 * Normalizes an extracted answer (LaTeX or plain text) before parsing: boxes unwrapped, spacing
 * and sizing commands dropped, `\dfrac` → `\frac`, degree signs and units dropped, "percent" →
 * `\%`, "and"/"or" between items → commas, thousands separators removed from whole numbers.
 */
export function normalizeAnswer(answer: string, options: { decimalComma?: boolean } = {}): string {
  let text = answer;
  if (text.includes("\\boxed") || text.includes("\\fbox")) {
    const boxes = lastBoxed(text);
    if (boxes) text = boxes.map((box) => box.content).join(", ");
  }
  // Doubled backslashes from over-escaped JSON (`\\frac`); matrices keep their `\\` row breaks.
  if (!text.includes("\\begin")) text = text.replace(/\\\\(?=[A-Za-z])/g, "\\");
  text = latexCommaGroups(text);
  text = applyRewrites(text);
  text = text
    .trim()
    .replace(/[.,;:]+$/, "")
    .trim();
  text = rewriteAnswerForms(numberFromWords(text));
  if (options.decimalComma) text = readDecimalComma(text);
  const named = namedSets(text);
  if (named !== undefined) return named;
  if (thousandsWithCommas.test(text)) return text.replace(/,/g, "");
  if (thousandsWithSpaces.test(text)) return text.replace(/ /g, "");
  // `{35 cm, 4}`: braces around the whole answer only group it.
  if (text.startsWith("{") && matchingBrace(text, 0) === text.length - 1) text = text.slice(1, -1).trim();
  const elements = splitTopLevel(text).map((element) => mixedNumber(stripTrailingUnits(element.trim())));
  return elements.join(", ").trim();
}
