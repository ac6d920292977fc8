import { type MathNode, someNode } from "./ast.js";
import type { CompareOptions, Verdict } from "./compare.js";
import { numericallyEqual } from "./numeric.js";

/** `90^\circ` or `-45°`: an angle marked in degrees, as its number of degrees. */
function degreesOf(node: MathNode): MathNode | undefined {
  if (node.kind === "call" && node.name === "degrees") return node.args[0];
  if (node.kind === "negate") {
    const inner = degreesOf(node.operand);
    return inner && { kind: "negate", operand: inner };
  }
  return undefined;
}

const hasPi = (node: MathNode) => someNode(node, (each) => each.kind === "constant" && each.name === "pi");

function inDegrees(radians: MathNode): MathNode {
  return {
    kind: "divide",
    numerator: { kind: "multiply", factors: [radians, { kind: "number", value: 180, decimal: false }] },
    denominator: { kind: "constant", name: "pi" },
  };
}

/**
 * One angle in degrees and the other in radians (`90^\circ` and `\frac{\pi}{2}`): the same angle
 * unless the question asks for the other unit ("in degrees" refuses `\frac{\pi}{2}`). Only a side
 * marked with a degree sign against a side written with π; a reference in radians accepts degrees
 * only when the question is about an angle (π alone may be an area). Undefined otherwise.
 */
export function compareAngles(
  gold: MathNode,
  predicted: MathNode,
  options: CompareOptions,
): Verdict | undefined {
  const goldDegrees = degreesOf(gold);
  const predictedDegrees = degreesOf(predicted);
  if (goldDegrees && !predictedDegrees && hasPi(predicted)) {
    if (options.question?.degrees)
      return { equal: false, how: "the question asks for degrees; the answer is in radians" };
    const verdict = numericallyEqual(goldDegrees, inDegrees(predicted), options);
    return verdict.equal
      ? { equal: true, how: `the same angle (radians against degrees: ${verdict.detail})` }
      : undefined;
  }
  if (predictedDegrees && !goldDegrees && hasPi(gold) && options.question?.angle) {
    if (options.question?.radians)
      return { equal: false, how: "the question asks for radians; the answer is in degrees" };
    const verdict = numericallyEqual(inDegrees(gold), predictedDegrees, options);
    return verdict.equal
      ? { equal: true, how: `the same angle (degrees against radians: ${verdict.detail})` }
      : undefined;
  }
  return undefined;
}
