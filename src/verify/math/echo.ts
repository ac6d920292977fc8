import type { MathNode } from "./ast.js";
import { latexSpans } from "./latex-spans.js";
import { normalizeAnswer } from "./normalize.js";
import { parseMath } from "./parse.js";
import { printMath } from "./print.js";

/** A number as written (`12`, `-3.5`, `40%`): repeating one from the prompt is no copy. */
function isLiteral(node: MathNode): boolean {
  if (node.kind === "number") return true;
  if (node.kind === "negate" || node.kind === "percent") return isLiteral(node.operand);
  return false;
}

/** Math written compactly, so `\dfrac{1}{2}` in a prompt matches `\frac{1}{2}` in an answer. */
function compact(text: string): string {
  return text
    .replace(/\\(?:left|right|displaystyle|[,;:!]|q?quad)(?![A-Za-z])/g, "")
    .replace(/\\[dt]frac/g, "\\frac")
    .replace(/[\s$]/g, "");
}

/** Each math span of the prompt, compacted, and the printed forms of it and its relation sides. */
function promptMath(prompt: string): { texts: Set<string>; printed: Set<string> } {
  const texts = new Set<string>();
  const printed = new Set<string>();
  for (const span of latexSpans(prompt)) {
    texts.add(compact(span.content));
    try {
      const node = parseMath(normalizeAnswer(span.content));
      printed.add(printMath(node));
      if (node.kind === "relation") for (const side of node.operands) printed.add(printMath(side));
    } catch {
      // Notation the parser does not read: the span's text still counts.
    }
  }
  return { texts, printed };
}

/** A phrase of plain-text math in a prompt without LaTeX ("Compute 2+3."), between spaces or punctuation. */
function inPlainText(prompt: string, answerText: string): boolean {
  const needle = answerText.replace(/\s+/g, " ").trim();
  if (needle.length < 3 || !/[+\-*/^=<>!]/.test(needle)) return false;
  const escaped = needle.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?:^|[\\s,;:(])${escaped}(?=$|[\\s,;:.?!)])`).test(prompt.replace(/\s+/g, " "));
}

/**
 * Whether an answer repeats the prompt's math instead of a result (`\binom{8}{4}` for "Compute
 * $\dbinom{8}{4}$", `|x-2| \le 5` for "Solve $|x-2| \le 5$", `2+3` for "Compute 2+3."): the whole
 * of one of its math spans (or one side of a relation there), by text or by printed form. A number
 * as written and an answer printed like the reference are never copies.
 */
export function copiedFromPrompt(input: {
  answerText: string;
  answer: MathNode;
  reference: MathNode;
  prompt: string;
}): boolean {
  const { answerText, answer, reference, prompt } = input;
  if (isLiteral(answer) || answer.kind === "symbol") return false;
  const printed = printMath(answer);
  if (printed === printMath(reference)) return false;
  const math = promptMath(prompt);
  if (math.texts.size === 0) return inPlainText(prompt, answerText);
  return math.texts.has(compact(answerText)) || math.printed.has(printed);
}
