import { mulberry32 } from "../../core/index.js";
import type { MathNode } from "./ast.js";
import { type Complex, evaluateComplex } from "./complex.js";
import { constantsEqual } from "./constant-compare.js";
import { evaluate } from "./evaluate.js";
import {
  describeValue,
  freeNames,
  isFiniteValue,
  type NumericOptions,
  type NumericVerdict,
  numbersEqual,
  valuesEqual,
} from "./numeric-values.js";

export {
  freeNames,
  hasDecimal,
  type NumericOptions,
  type NumericVerdict,
  numbersEqual,
} from "./numeric-values.js";

const trials = 8;

/** Environments for random-point testing: positive values first, then both signs. */
export function* sampleEnvironments(names: ReadonlySet<string>): Generator<(name: string) => number> {
  // Seeded (core's mulberry32), so a verdict is the same on every run.
  const random = mulberry32(0x5eed);
  for (let trial = 0; trial < trials; trial++) {
    const values = new Map<string, number>();
    for (const name of names) values.set(name, trial < 5 ? 0.3 + 2.4 * random() : -3 + 6 * random());
    yield (name) => values.get(name) ?? Number.NaN;
  }
}

/**
 * Equality by value: once for closed forms, or at random points (the same for both sides) when
 * variables appear — two different polynomials or elementary expressions agree at several random
 * points only with vanishing probability.
 */
export function numericallyEqual(
  gold: MathNode,
  predicted: MathNode,
  options: NumericOptions,
): NumericVerdict {
  const names = freeNames(gold, freeNames(predicted));
  if (names.has("i")) return complexEqual(gold, predicted, names, options);
  if (names.size === 0) return constantsEqual(gold, predicted, options);
  let checked = 0;
  for (const environment of sampleEnvironments(names)) {
    const goldValue = evaluate(gold, environment);
    const predictedValue = evaluate(predicted, environment);
    const goldFinite = isFiniteValue(goldValue);
    if (goldFinite !== isFiniteValue(predictedValue))
      return { equal: false, detail: "defined at different points" };
    if (!goldFinite) continue;
    if (!valuesEqual(goldValue, predictedValue, undefined, Math.max(options.relativeTolerance, 1e-8))) {
      return {
        equal: false,
        detail: `differ at a random point (${describeValue(predictedValue)} vs ${describeValue(goldValue)})`,
      };
    }
    checked++;
  }
  if (checked < 2) return { equal: false, detail: "could not be evaluated at enough points" };
  return { equal: true, detail: `agree at ${checked} random points of ${[...names].join(", ")}` };
}

function complexClose(a: Complex, b: Complex, tolerance: number): boolean {
  const scale = Math.max(1, Math.hypot(a[0], a[1]), Math.hypot(b[0], b[1]));
  return Math.hypot(a[0] - b[0], a[1] - b[1]) <= tolerance * scale;
}

/** With `i` as the imaginary unit: equal as complex numbers (at random points of other variables). */
function complexEqual(
  gold: MathNode,
  predicted: MathNode,
  names: Set<string>,
  options: NumericOptions,
): NumericVerdict {
  const variables = new Set([...names].filter((name) => name !== "i"));
  const tolerance = Math.max(options.relativeTolerance, variables.size > 0 ? 1e-8 : 0);
  let checked = 0;
  for (const environment of sampleEnvironments(variables)) {
    const goldValue = evaluateComplex(gold, environment);
    const predictedValue = evaluateComplex(predicted, environment);
    const goldFinite = goldValue.every(Number.isFinite);
    if (goldFinite !== predictedValue.every(Number.isFinite))
      return { equal: false, detail: "defined at different points" };
    if (!goldFinite) continue;
    if (!complexClose(goldValue, predictedValue, tolerance)) {
      return {
        equal: false,
        detail: `${formatComplex(predictedValue)} ≠ ${formatComplex(goldValue)} (complex, i² = −1)`,
      };
    }
    checked++;
    if (variables.size === 0) break;
  }
  if (checked === 0) return { equal: false, detail: "could not be evaluated" };
  return {
    equal: true,
    detail: `equal as complex numbers (i² = −1)${variables.size > 0 ? ` at ${checked} random points` : ""}`,
  };
}

function formatComplex([re, im]: Complex): string {
  const round = (value: number) => Number(value.toPrecision(10));
  return im === 0 ? String(round(re)) : `${round(re)} ${im < 0 ? "−" : "+"} ${round(Math.abs(im))}i`;
}

/**
 * Whether `predicted` is a constant multiple of `gold` as functions (used for relations: `2x+4y-3=0`
 * and `y=-x/2+3/4` state the same line). Returns the multiple's sign, or undefined.
 */
export function proportionalSign(
  gold: MathNode,
  predicted: MathNode,
  options: NumericOptions,
): 1 | -1 | undefined {
  const names = freeNames(gold, freeNames(predicted));
  let ratio: number | undefined;
  let checked = 0;
  for (const environment of sampleEnvironments(names)) {
    const goldValue = evaluate(gold, environment);
    const predictedValue = evaluate(predicted, environment);
    if (typeof goldValue !== "number" || typeof predictedValue !== "number") return undefined;
    if (!Number.isFinite(goldValue) || !Number.isFinite(predictedValue)) continue;
    const goldZero = Math.abs(goldValue) < 1e-12;
    const predictedZero = Math.abs(predictedValue) < 1e-12;
    if (goldZero || predictedZero) {
      if (goldZero !== predictedZero) return undefined;
      checked++;
      continue;
    }
    const current = predictedValue / goldValue;
    if (ratio === undefined) ratio = current;
    else if (!numbersEqual(ratio, current, undefined, Math.max(options.relativeTolerance, 1e-8)))
      return undefined;
    checked++;
    if (names.size === 0) break;
  }
  if (checked === 0) return undefined;
  return ratio === undefined || ratio > 0 ? 1 : -1;
}
