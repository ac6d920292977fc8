import { childrenOf, type MathNode, someNode } from "./ast.js";
import { evaluate, NotNumericError } from "./evaluate.js";
import { describeMagnitude } from "./magnitude.js";
import { magnitudeOf } from "./magnitude-of.js";

function termValue(node: MathNode): number | undefined {
  try {
    const value = evaluate(node, () => Number.NaN);
    return typeof value === "number" && Number.isFinite(value) ? value : undefined;
  } catch (error) {
    if (error instanceof NotNumericError) return undefined;
    throw error;
  }
}

/**
 * A non-zero term of a sum that is below `tolerance` relative to the sum (`π + 10^{-20}`): a
 * float comparison cannot see it, so "equal within tolerance" would reward padding an answer with
 * it. Only terms without sums inside (a cancellation like `√3 − √3` is not such a term); a term a
 * float rounds to 0 (`10^{-400}`) counts by its magnitude. Returns the term's size, for reasons.
 */
export function negligibleTerm(node: MathNode, tolerance: number): string | undefined {
  if (node.kind === "add") {
    const sum = termValue(node);
    if (sum !== undefined) {
      for (const term of node.terms) {
        if (someNode(term, (each) => each.kind === "add")) continue;
        const value = termValue(term);
        if (value === 0) {
          const magnitude = magnitudeOf(term);
          if (magnitude && magnitude.sign !== 0) return describeMagnitude(magnitude);
        } else if (value !== undefined && Math.abs(value) < tolerance * Math.max(1, Math.abs(sum)))
          return value.toExponential(1);
      }
    }
  }
  for (const child of childrenOf(node)) {
    const found = negligibleTerm(child, tolerance);
    if (found !== undefined) return found;
  }
  return undefined;
}
