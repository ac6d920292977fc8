import type { MathNode } from "./ast.js";
import { freeNames } from "./numeric.js";

/** `x`, `-x` or `|x|` (a symbol or `f(x)`-like quantity): the variable alone. */
function isLoneVariable(node: MathNode): boolean {
  if (node.kind === "negate") return isLoneVariable(node.operand);
  if (node.kind === "call" && node.name === "abs" && node.args.length === 1) {
    const inside = node.args[0] as MathNode;
    return inside.kind === "symbol" || inside.kind === "apply";
  }
  return node.kind === "symbol" || node.kind === "apply";
}

const isConstant = (node: MathNode) => freeNames(node).size === 0;

/**
 * A relation solved for its variable: every link has the variable alone (`x`, or `-x`) on one
 * side and a constant on the other (`x = 2`, `-2 ≤ x < 7`, `5 ≥ x`, `-x ≥ -1`, `|x| > 1`, `x ∈ [1, 2]`), or
 * a list of such relations (`x < -2, x > 3`). `2x + 4 = 8` and `|x - 2| ≤ 5` are not: they may
 * just restate the problem.
 */
export function isSolvedRelation(node: MathNode): boolean {
  if (node.kind === "list") return node.items.length > 0 && node.items.every(isSolvedRelation);
  if (node.kind !== "relation") return false;
  if (node.operators.length === 1 && node.operators[0] === "in")
    return isLoneVariable(node.operands[0] as MathNode);
  return node.operators.every((_operator, index) => {
    const left = node.operands[index] as MathNode;
    const right = node.operands[index + 1] as MathNode;
    return (isLoneVariable(left) && isConstant(right)) || (isConstant(left) && isLoneVariable(right));
  });
}
