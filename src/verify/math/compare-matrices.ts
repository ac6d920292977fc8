import type { MathNode, NodeOf } from "./ast.js";
import type { CompareOptions, Verdict } from "./compare.js";

type Compare = (gold: MathNode, predicted: MathNode, options: CompareOptions) => Verdict;

/** A matrix's entries as rows, or a tuple as a column vector (`(1, 2)` for a 2×1 matrix). */
function entriesOf(node: MathNode, like: NodeOf<"matrix">): MathNode[][] | undefined {
  if (node.kind === "matrix") return node.rows;
  if (node.kind !== "tuple") return undefined;
  const column = like.rows.every((row) => row.length === 1);
  const row = like.rows.length === 1;
  if (column && node.items.length === like.rows.length) return node.items.map((item) => [item]);
  if (row && node.items.length === (like.rows[0]?.length ?? 0)) return [node.items];
  return undefined;
}

/**
 * Matrices entry by entry, so each entry is compared as a grader would (exactly, or at the
 * precision it was written with); a vector written as a tuple matches a column or row matrix.
 * Undefined when neither side is a written matrix or the other cannot be read as one.
 */
export function compareMatrices(
  gold: MathNode,
  predicted: MathNode,
  options: CompareOptions,
  compare: Compare,
): Verdict | undefined {
  const matrix = gold.kind === "matrix" ? gold : predicted.kind === "matrix" ? predicted : undefined;
  if (!matrix) return undefined;
  let goldRows = entriesOf(gold, matrix);
  let predictedRows = entriesOf(predicted, matrix);
  if (!goldRows || !predictedRows) return undefined;
  // A vector is a vector as a row or as a column.
  const asVector = (rows: MathNode[][]) =>
    rows.length === 1 || rows.every((row) => row.length === 1) ? rows.flat() : undefined;
  const goldVector = asVector(goldRows);
  const predictedVector = asVector(predictedRows);
  if (goldVector && predictedVector && goldVector.length === predictedVector.length) {
    goldRows = goldVector.map((item) => [item]);
    predictedRows = predictedVector.map((item) => [item]);
  }
  const shape = (rows: MathNode[][]) => `${rows.length}×${rows[0]?.length ?? 0}`;
  if (
    goldRows.length !== predictedRows.length ||
    goldRows.some((row, index) => row.length !== predictedRows[index]?.length)
  ) {
    return { equal: false, how: `a ${shape(predictedRows)} matrix against ${shape(goldRows)}` };
  }
  for (let row = 0; row < goldRows.length; row++) {
    for (let column = 0; column < (goldRows[row] as MathNode[]).length; column++) {
      const verdict = compare(
        goldRows[row]?.[column] as MathNode,
        predictedRows[row]?.[column] as MathNode,
        options,
      );
      if (!verdict.equal)
        return { equal: false, how: `entry (${row + 1}, ${column + 1}) differs: ${verdict.how}` };
    }
  }
  const vector = gold.kind !== predicted.kind ? " (a vector written as a tuple)" : "";
  return { equal: true, how: `equal ${shape(goldRows)} matrices, entry by entry${vector}` };
}
