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

const isPercent = (node: MathNode) =>
  node.kind === "percent" || (node.kind === "negate" && node.operand.kind === "percent");

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
 * One side a decimal with fewer places than `maxPlaces`, the other exact without such a decimal:
 * compared at the decimal's places (an answer 0.33 for 1/3; an answer π for a reference 3.14).
 */
function roundedSide(input: {
  gold: MathNode;
  predicted: MathNode;
  goldValue: number;
  predictedValue: number;
  maxPlaces: number;
}): NumericVerdict | undefined {
  const { gold, predicted, goldValue, predictedValue, maxPlaces } = input;
  const answerWritten = hasDecimal(gold) ? undefined : writtenDecimal(predicted);
  const referenceWritten = hasDecimal(predicted) ? undefined : writtenDecimal(gold);
  const written = answerWritten ?? referenceWritten;
  const exact = answerWritten ? goldValue : predictedValue;
  const compared = written && compareAsWritten(exact, written, maxPlaces);
  if (!compared || !written) return undefined;
  const whose = answerWritten ? "the answer" : "the reference";
  return {
    equal: compared.equal,
    detail: `${written.value} ${compared.equal ? "=" : "≠"} ${describeValue(exact)} rounded to ${written.places} decimal places (${compared.rounded}), the precision ${whose} was written with`,
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
  let exactVerdict: NumericVerdict | undefined;
  if (rounding === undefined) {
    const goldExact = exactValue(gold);
    const predictedExact = goldExact && exactValue(predicted);
    if (goldExact && predictedExact) {
      const equal = rationalsEqual(goldExact, predictedExact);
      exactVerdict = {
        equal,
        detail: `${describeRational(predictedExact)} ${equal ? "=" : "≠"} ${describeRational(goldExact)} (exact)`,
      };
      // A whole percent (`33\%` for 1/3) may still be a rounding: checked below.
      if (equal || !(isPercent(gold) || isPercent(predicted))) return exactVerdict;
    }
  }
  const goldValue: Value = evaluate(gold, () => Number.NaN);
  const predictedValue: Value = evaluate(predicted, () => Number.NaN);
  if (typeof goldValue === "number" && typeof predictedValue === "number") {
    const huge = beyondFloats(gold, predicted, goldValue, predictedValue);
    if (huge) return huge;
    if (options.roundedAnswers && !options.question?.exact) {
      const rounded = roundedSide({
        gold,
        predicted,
        goldValue,
        predictedValue,
        maxPlaces: options.floatRounding,
      });
      if (rounded) return rounded;
    }
  }
  if (exactVerdict) return exactVerdict;
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
