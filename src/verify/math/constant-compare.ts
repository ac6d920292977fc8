import { type MathNode, someNode } from "./ast.js";
import { evaluate, type Value } from "./evaluate.js";
import { describeRational, exactValue, rationalsEqual } from "./exact.js";
import { comparePowers } from "./exact-powers.js";
import { describeMagnitude, distinguish } from "./magnitude.js";
import { magnitudeOf } from "./magnitude-of.js";
import { negligibleTerm } from "./negligible.js";
import {
  describeValue,
  hasDecimal,
  type NumericOptions,
  type NumericVerdict,
  valuesEqual,
} from "./numeric-values.js";
import { compareAsWritten, writtenDecimal } from "./precision.js";

const hasInfinity = (node: MathNode) =>
  someNode(node, (each) => each.kind === "constant" && each.name === "infinity");

/** Too large or too small for a float (Infinity, NaN, or 0 from underflow): compared by magnitude. */
function beyondFloats(
  gold: MathNode,
  predicted: MathNode,
  goldValue: number,
  predictedValue: number,
): NumericVerdict | undefined {
  const overflow = (value: number, node: MathNode) =>
    !Number.isFinite(value) || (value === 0 && (magnitudeOf(node)?.level ?? 0) >= 1);
  if (!overflow(goldValue, gold) && !overflow(predictedValue, predicted)) return undefined;
  if (hasInfinity(gold) || hasInfinity(predicted)) {
    const equal = hasInfinity(gold) && hasInfinity(predicted) && goldValue === predictedValue;
    return {
      equal,
      detail: equal ? `both ${goldValue > 0 ? "+" : "−"}∞` : "∞ against a finite value (however large)",
    };
  }
  const powers = comparePowers(gold, predicted);
  if (powers) return { equal: powers === "equal", detail: `${powers} as exact powers c·bⁿ` };
  const goldMagnitude = magnitudeOf(gold);
  const predictedMagnitude = magnitudeOf(predicted);
  if (!goldMagnitude || !predictedMagnitude) {
    return {
      equal: false,
      detail:
        "a value beyond floating point that cannot be evaluated (too large, too small or undefined); refused",
    };
  }
  const shown = `${describeMagnitude(predictedMagnitude)} vs ${describeMagnitude(goldMagnitude)}`;
  return distinguish(goldMagnitude, predictedMagnitude) === "different"
    ? { equal: false, detail: `different magnitudes (${shown})` }
    : {
        equal: false,
        detail: `values beyond floating point that agree to the precision available (${shown}); not accepted as equal`,
      };
}

/**
 * Two constant expressions: exactly as rationals when both are; an answer with fewer decimal places
 * than an exact reference at the places it was written with; values beyond floating point by
 * magnitude (never "Infinity = Infinity"); else as floats, rounded to `floatRounding` places when
 * a side is a decimal, and never equal through a term too small for the comparison to see.
 */
export function constantsEqual(gold: MathNode, predicted: MathNode, options: NumericOptions): NumericVerdict {
  const rounding = hasDecimal(gold) || hasDecimal(predicted) ? options.floatRounding : undefined;
  if (rounding === undefined) {
    const goldExact = exactValue(gold);
    const predictedExact = goldExact && exactValue(predicted);
    if (goldExact && predictedExact) {
      const equal = rationalsEqual(goldExact, predictedExact);
      return {
        equal,
        detail: `${describeRational(predictedExact)} ${equal ? "=" : "≠"} ${describeRational(goldExact)} (exact)`,
      };
    }
  }
  const goldValue: Value = evaluate(gold, () => Number.NaN);
  const predictedValue: Value = evaluate(predicted, () => Number.NaN);
  if (typeof goldValue === "number" && typeof predictedValue === "number") {
    const huge = beyondFloats(gold, predicted, goldValue, predictedValue);
    if (huge) return huge;
    const written =
      options.roundedAnswers && !options.question?.exact && !hasDecimal(gold)
        ? writtenDecimal(predicted)
        : undefined;
    const asWritten = written && compareAsWritten(goldValue, written, options.floatRounding);
    if (asWritten && written) {
      const relation = asWritten.equal ? "=" : "≠";
      return {
        equal: asWritten.equal,
        detail: `${written.value} ${relation} ${describeValue(goldValue)} rounded to ${written.places} decimal places (${asWritten.rounded}), the precision the answer was written with`,
      };
    }
  }
  const equal = valuesEqual(goldValue, predictedValue, rounding, options.relativeTolerance);
  const how = rounding === undefined ? "" : ` after rounding to ${rounding} decimals`;
  const detail = `${describeValue(predictedValue)} ${equal ? "=" : "≠"} ${describeValue(goldValue)}${how}`;
  if (equal && rounding === undefined) {
    const tiny =
      negligibleTerm(predicted, options.relativeTolerance) ?? negligibleTerm(gold, options.relativeTolerance);
    if (tiny !== undefined) {
      return {
        equal: false,
        detail: `a term of about ${tiny} is below the comparison's tolerance, so equality cannot be decided; not accepted`,
      };
    }
  }
  return { equal, detail };
}
