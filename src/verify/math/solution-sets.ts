import type { MathNode } from "./ast.js";
import type { CompareOptions, Verdict } from "./compare.js";
import { freeNames } from "./numeric.js";
import { realSet } from "./real-set.js";
import { differingPoint } from "./set-compare.js";
import { isSolvedRelation } from "./solved.js";

const inequalities = new Set(["<", "<=", ">", ">=", "!="]);

/** An inequality (or chain), or a list of relations with one: a condition on a variable. */
function isCondition(node: MathNode): boolean {
  if (node.kind === "relation") return node.operators.some((operator) => inequalities.has(operator));
  if (node.kind === "list")
    return node.items.every((item) => item.kind === "relation") && node.items.some(isCondition);
  return false;
}

/** An interval, a union of them, a finite set of constants, or ∅: a set written out. */
function isWrittenSet(node: MathNode): boolean {
  const constant = (item: MathNode) => freeNames(item).size === 0;
  if (node.kind === "tuple") return node.items.length === 2 && node.items.every(constant);
  if (node.kind === "union") return node.parts.every(isWrittenSet);
  if (node.kind === "set") return node.items.every(constant);
  return false;
}

/**
 * Solution sets in one variable, however written: `-2 ≤ x ≤ 7` and `[-2, 7]`, `x < -2 or x > 3`
 * and `(-∞, -2) ∪ (3, ∞)`, `|x - 1| < 3` and `(-2, 4)`, compared by membership of x. An
 * inequality answer to a written-set reference follows `allowSetRelation` (solved only, by
 * default), and an answer must be solved for x when the reference is. Undefined when neither side
 * is an inequality in one variable.
 */
export function compareSolutionSets(
  gold: MathNode,
  predicted: MathNode,
  options: CompareOptions,
): Verdict | undefined {
  const goldCondition = isCondition(gold);
  const predictedCondition = isCondition(predicted);
  if (!goldCondition && !predictedCondition) return undefined;
  if (!(goldCondition || isWrittenSet(gold)) || !(predictedCondition || isWrittenSet(predicted)))
    return undefined;
  const names = freeNames(gold, freeNames(predicted));
  if (names.size !== 1) return undefined;
  const variable = [...names][0] as string;
  if (predictedCondition) {
    const goldSolved = !goldCondition || isSolvedRelation(gold);
    if (!goldCondition && options.allowSetRelation === false) {
      return { equal: false, how: "an inequality answer for a set reference (allow_set_relation: false)" };
    }
    if (goldSolved && options.allowSetRelation !== true && !isSolvedRelation(predicted)) {
      return {
        equal: false,
        how: `the answer is a condition on ${variable} that is not solved for it, while the reference is (allow_set_relation: true accepts an equivalent one)`,
      };
    }
  }
  const goldSet = realSet(gold, variable);
  const predictedSet = realSet(predicted, variable);
  if (!goldSet || !predictedSet) return undefined;
  const point = differingPoint(goldSet, predictedSet);
  return point === undefined
    ? { equal: true, how: `the same set of ${variable} (compared by membership)` }
    : {
        equal: false,
        how: `different sets of ${variable}: they differ at ${variable} = ${Number(point.toPrecision(8))}`,
      };
}
