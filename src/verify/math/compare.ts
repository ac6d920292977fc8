import type { MathNode } from "./ast.js";
import { expandChoices } from "./choices.js";
import { compareCollections } from "./compare-collections.js";
import { compareMatrices } from "./compare-matrices.js";
import { compareRelations } from "./compare-relations.js";
import { compareScalars } from "./compare-scalars.js";
import { compareText } from "./compare-text.js";
import type { NumericOptions } from "./numeric.js";
import { printMath } from "./print.js";
import {
  isAssignment,
  isEquation,
  isRelation,
  lastSide,
  relationAsInterval,
  withoutApproximations,
} from "./relations.js";
import { compareSolutionSets } from "./solution-sets.js";
import { isSolvedRelation } from "./solved.js";

export interface CompareOptions extends NumericOptions {
  /**
   * Let an inequality in the answer match an interval or union in the reference (`-2 ≤ x ≤ 7` for
   * `[-2, 7]`): `"solved"` (default) when the answer is solved for its variable (the variable alone
   * against constants, as a careful grader wants it), `true` for any equivalent relation (also
   * `|x - 2| ≤ 5`, which may just restate the problem), `false` never (Math-Verify's default). An
   * interval answer to an inequality reference is always accepted.
   */
  allowSetRelation: boolean | "solved";
}

export interface Verdict {
  equal: boolean;
  /** How the two were compared and what decided it. */
  how: string;
}

const isSetLike = (node: MathNode) =>
  node.kind === "tuple" || node.kind === "set" || node.kind === "list" || node.kind === "union";

/**
 * Whether the predicted answer states what the gold answer states. Asymmetric on purpose: the
 * gold side decides how relations are read (`x = 5` as gold accepts `5`; an equation as answer to
 * a plain gold is read by its last right-hand side).
 */
export function compareAnswers(
  goldInput: MathNode,
  predictedInput: MathNode,
  options: CompareOptions,
): Verdict {
  let gold = withoutApproximations(goldInput);
  let predicted = withoutApproximations(predictedInput);
  const notes: string[] = [];
  if (isAssignment(gold))
    gold = { kind: "relation", operands: [gold.operands[0] as MathNode, lastSide(gold)], operators: ["="] };
  if (isAssignment(predicted)) {
    predicted = {
      kind: "relation",
      operands: [predicted.operands[0] as MathNode, lastSide(predicted)],
      operators: ["="],
    };
  }
  if (isEquation(predicted) && !isEquation(gold)) {
    predicted = lastSide(predicted);
    notes.push("read the answer's last right-hand side");
  } else if (isAssignment(gold) && !isEquation(predicted)) {
    gold = lastSide(gold);
    notes.push("read the reference's right-hand side");
  }
  if (isRelation(predicted) && predicted.operators.length === 1 && predicted.operators[0] === "in")
    predicted = lastSide(predicted);
  if (isRelation(gold) && gold.operators.length === 1 && gold.operators[0] === "in") gold = lastSide(gold);
  const sets = compareSolutionSets(gold, predicted, options);
  if (sets) return notes.length === 0 ? sets : { ...sets, how: `${notes.join("; ")}; ${sets.how}` };
  if (isRelation(gold) && isSetLike(predicted)) {
    const interval = relationAsInterval(gold);
    if (interval) {
      gold = interval;
      notes.push("read the reference inequality as an interval");
    }
  }
  if (options.allowSetRelation !== false && isRelation(predicted) && isSetLike(gold)) {
    const interval = relationAsInterval(predicted);
    if (interval) predicted = interval;
  }
  const verdict = compareValues(gold, predicted, options);
  return notes.length === 0 ? verdict : { ...verdict, how: `${notes.join("; ")}; ${verdict.how}` };
}

/**
 * `x = a` against `x = b` (the same name on the left): the values decide, compared as values (a
 * constant factor between `x - a` and `x - b` says nothing when a and b are large and close).
 */
function sameNamedValue(
  gold: MathNode & { kind: "relation" },
  predicted: MathNode & { kind: "relation" },
): { name: string; gold: MathNode; predicted: MathNode } | undefined {
  if (gold.operators.length !== 1 || predicted.operators.length !== 1) return undefined;
  if (gold.operators[0] !== "=" || predicted.operators[0] !== "=") return undefined;
  const name = printMath(gold.operands[0] as MathNode);
  const left = gold.operands[0] as MathNode;
  if (
    !(left.kind === "symbol" || left.kind === "apply") ||
    name !== printMath(predicted.operands[0] as MathNode)
  )
    return undefined;
  return { name, gold: gold.operands[1] as MathNode, predicted: predicted.operands[1] as MathNode };
}

function compareValues(goldInput: MathNode, predictedInput: MathNode, options: CompareOptions): Verdict {
  const gold = expandChoices(goldInput);
  const predicted = expandChoices(predictedInput);
  if (printMath(gold) === printMath(predicted)) return { equal: true, how: "the same expression" };
  if (isRelation(gold) || isRelation(predicted)) {
    if (isRelation(gold) && isRelation(predicted)) {
      if (options.allowSetRelation !== true && isSolvedRelation(gold) && !isSolvedRelation(predicted)) {
        return {
          equal: false,
          how: "the answer is not solved for the variable as the reference is (allow_set_relation: true accepts an equivalent relation)",
        };
      }
      const sameName = sameNamedValue(gold, predicted);
      if (sameName) {
        const verdict = compareAnswers(sameName.gold, sameName.predicted, options);
        return { ...verdict, how: `${sameName.name} = …: ${verdict.how}` };
      }
      return compareRelations(gold, predicted, options, compareAnswers);
    }
    return {
      equal: false,
      how: `${isRelation(gold) ? "the reference" : "the answer"} is a relation and the other is not`,
    };
  }
  const matrices = compareMatrices(gold, predicted, options, compareAnswers);
  if (matrices) return matrices;
  if (isSetLike(gold) || isSetLike(predicted))
    return compareCollections(gold, predicted, options, compareAnswers);
  return compareText(gold, predicted) ?? compareScalars(gold, predicted, options);
}
