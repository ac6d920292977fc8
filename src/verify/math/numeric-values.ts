import { childrenOf, type MathNode, someNode } from "./ast.js";
import type { MatrixValue, Value } from "./evaluate.js";
import { printMath } from "./print.js";
import type { QuestionForm } from "./question.js";

export interface NumericOptions {
  /** Decimal places both sides are rounded to when either is written with a decimal point. */
  floatRounding: number;
  /** Relative tolerance for exact values (fractions, roots, π) and at random points. */
  relativeTolerance: number;
  /**
   * An answer written with fewer decimal places than an exact reference that has no such finite
   * decimal (0.33 for 1/3, 3.14 for π) is compared at the places it was written with, given two
   * significant digits and a question that does not ask for an exact form.
   */
  roundedAnswers: boolean;
  /** What the question asks for (from the prompt); every form is open without a prompt. */
  question?: QuestionForm;
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
  // Never equal through overflow: Infinity = Infinity says nothing about the values (∞ itself is
  // compared as a symbol, and values beyond floats by magnitude).
  if (!Number.isFinite(a) || !Number.isFinite(b)) return false;
  if (rounding !== undefined) {
    const difference = Math.abs(roundTo(a, rounding) - roundTo(b, rounding));
    return difference <= 1e-12 * Math.max(1, Math.abs(a));
  }
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

export function valuesEqual(a: Value, b: Value, rounding: number | undefined, tolerance: number): boolean {
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

export function isFiniteValue(value: Value): boolean {
  return typeof value === "number"
    ? !Number.isNaN(value)
    : value.entries.every((entry) => !Number.isNaN(entry));
}

export interface NumericVerdict {
  equal: boolean;
  /** What was compared, for the reason. */
  detail: string;
}

export function describeValue(value: Value): string {
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(10)));
  return `${value.rows}×${value.columns} matrix`;
}
