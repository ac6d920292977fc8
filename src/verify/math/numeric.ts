import { mulberry32 } from "../../core/index.js";
import { childrenOf, type MathNode, someNode } from "./ast.js";
import { type Complex, evaluateComplex } from "./complex.js";
import { evaluate, type MatrixValue, type Value } from "./evaluate.js";
import { describeRational, exactValue, rationalsEqual } from "./exact.js";
import { printMath } from "./print.js";

export interface NumericOptions {
  /** Decimal places both sides are rounded to when either is written with a decimal point. */
  floatRounding: number;
  /** Relative tolerance for exact values (fractions, roots, π) and at random points. */
  relativeTolerance: number;
}

/** The free quantities of an expression: symbols and unknown function applications. */
export function freeNames(node: MathNode, into = new Set<string>()): Set<string> {
  if (node.kind === "symbol") into.add(node.name);
  else if (node.kind === "apply") into.add(printMath(node));
  else for (const child of childrenOf(node)) freeNames(child, into);
  return into;
}

export function hasDecimal(node: MathNode): boolean {
  return someNode(node, (each) => each.kind === "number" && each.decimal);
}

function roundTo(value: number, places: number): number {
  if (!Number.isFinite(value) || Math.abs(value) >= 1e15) return value;
  return Math.round(value * 10 ** places) / 10 ** places;
}

export function numbersEqual(a: number, b: number, rounding: number | undefined, tolerance: number): boolean {
  if (Number.isNaN(a) || Number.isNaN(b)) return false;
  if (!Number.isFinite(a) || !Number.isFinite(b)) return a === b;
  if (rounding !== undefined) {
    const difference = Math.abs(roundTo(a, rounding) - roundTo(b, rounding));
    return difference <= 1e-12 * Math.max(1, Math.abs(a));
  }
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

function valuesEqual(a: Value, b: Value, rounding: number | undefined, tolerance: number): boolean {
  if (typeof a === "number" || typeof b === "number") {
    return typeof a === "number" && typeof b === "number" && numbersEqual(a, b, rounding, tolerance);
  }
  return (
    sameShape(a, b) &&
    a.entries.every((entry, index) => numbersEqual(entry, b.entries[index] as number, rounding, tolerance))
  );
}

function sameShape(a: MatrixValue, b: MatrixValue): boolean {
  return a.rows === b.rows && a.columns === b.columns;
}

function isFiniteValue(value: Value): boolean {
  return typeof value === "number"
    ? !Number.isNaN(value)
    : value.entries.every((entry) => !Number.isNaN(entry));
}

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

export interface NumericVerdict {
  equal: boolean;
  /** What was compared, for the reason. */
  detail: string;
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
  const rounding = hasDecimal(gold) || hasDecimal(predicted) ? options.floatRounding : undefined;
  if (names.size === 0) {
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
    const goldValue = evaluate(gold, () => Number.NaN);
    const predictedValue = evaluate(predicted, () => Number.NaN);
    const equal = valuesEqual(goldValue, predictedValue, rounding, options.relativeTolerance);
    const how = rounding === undefined ? "" : ` after rounding to ${rounding} decimals`;
    return {
      equal,
      detail: `${describeValue(predictedValue)} ${equal ? "=" : "≠"} ${describeValue(goldValue)}${how}`,
    };
  }
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

function describeValue(value: Value): string {
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  return `${value.rows}×${value.columns} matrix`;
}
