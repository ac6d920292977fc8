import { compareAngles } from "./angles.js";
import type { MathNode } from "./ast.js";
import type { CompareOptions, Verdict } from "./compare.js";
import { NotNumericError } from "./evaluate.js";
import { numericallyEqual } from "./numeric.js";

function stripPercent(node: MathNode): MathNode {
  if (node.kind === "percent") return node.operand;
  if (node.kind === "negate") return { kind: "negate", operand: stripPercent(node.operand) };
  return node;
}

/**
 * One side has a percent sign and the other is a percent figure without it (`50\%` and `50`): a
 * plain number of 1 or more, as percents are written. `0.5\%` is not ½.
 */
function percentDropped(sides: {
  gold: MathNode;
  goldBare: MathNode;
  predicted: MathNode;
  predictedBare: MathNode;
}): boolean {
  const figure = (node: MathNode) => {
    const inner = node.kind === "negate" ? node.operand : node;
    return inner.kind === "number" && Math.abs(inner.value) >= 1;
  };
  const goldMarked = sides.gold !== sides.goldBare;
  const predictedMarked = sides.predicted !== sides.predictedBare;
  if (goldMarked && !predictedMarked) return figure(sides.predicted);
  if (predictedMarked && !goldMarked) return figure(sides.gold);
  return false;
}

/**
 * Scalars by value; a percent sign may be dropped on either side (`50\\%` answers "50") unless the
 * question says which scale it wants: "what percent" compares on the percent scale (0.5 does not
 * answer 50%), "as a fraction" refuses a percent; degrees against radians as one angle.
 */
export function compareScalars(gold: MathNode, predicted: MathNode, options: CompareOptions): Verdict {
  try {
    const goldBare = stripPercent(gold);
    const predictedBare = stripPercent(predicted);
    if (options.question?.percent) {
      const onScale = numericallyEqual(goldBare, predictedBare, options);
      return {
        equal: onScale.equal,
        how: `${onScale.equal ? "equal" : "different"} on the percent scale the question asks for (${onScale.detail})`,
      };
    }
    if (options.question?.exact && predictedBare !== predicted && goldBare === gold) {
      return {
        equal: false,
        how: "the question asks for a fraction or exact form; the answer is a percentage",
      };
    }
    const direct = numericallyEqual(gold, predicted, options);
    if (direct.equal) return { equal: true, how: `equal by value (${direct.detail})` };
    if (percentDropped({ gold, goldBare, predicted, predictedBare })) {
      const bare = numericallyEqual(goldBare, predictedBare, options);
      if (bare.equal) return { equal: true, how: `equal ignoring the percent sign (${bare.detail})` };
    }
    const angle = compareAngles(gold, predicted, options);
    if (angle) return angle;
    return { equal: false, how: `different (${direct.detail})` };
  } catch (error) {
    if (error instanceof NotNumericError) {
      return { equal: false, how: `not comparable by value: ${error.message}` };
    }
    throw error;
  }
}
