import type { MathNode } from "./ast.js";
import type { Verdict } from "./compare.js";

/** A node as words, when it can be read as such: text, a symbol, juxtaposed letters (`odd`). */
function textOf(node: MathNode): string | undefined {
  if (node.kind === "text") return node.text;
  if (node.kind === "symbol") return node.name;
  if (node.kind === "multiply" && node.word !== undefined) return node.word;
  if (node.kind === "constant" && node.name === "e") return "e";
  return undefined;
}

function normalizeText(text: string): string {
  const trimmed = text
    .replace(/\\text\{([^{}]*)\}/g, "$1")
    .replace(/^[\s(.:]+|[\s).:]+$/g, "")
    .replace(/\s+/g, " ");
  return trimmed.length > 1 ? trimmed.toLowerCase() : trimmed;
}

/**
 * Words against words (`\text{odd}` and `odd`, `\text{(C)}` and `C`): the same after case and
 * brackets. Undefined when neither side is words; "text against math" when only one is.
 */
export function compareText(gold: MathNode, predicted: MathNode): Verdict | undefined {
  const goldText = textOf(gold);
  const predictedText = textOf(predicted);
  const wordsOnBothSides =
    goldText !== undefined &&
    predictedText !== undefined &&
    (gold.kind === "symbol" || predicted.kind === "symbol");
  if (
    goldText !== undefined &&
    predictedText !== undefined &&
    normalizeText(goldText) === normalizeText(predictedText)
  ) {
    return { equal: true, how: `same words "${predictedText}"` };
  }
  if (gold.kind === "text" || predicted.kind === "text" || wordsOnBothSides) {
    if (goldText === undefined || predictedText === undefined) {
      const which =
        gold.kind === "text"
          ? "the reference is words, the answer math"
          : `the answer is words ("${predictedText ?? ""}"), the reference math`;
      return { equal: false, how: `text against math: ${which}` };
    }
    return { equal: false, how: `text "${predictedText}" ≠ "${goldText}"` };
  }
  return undefined;
}
