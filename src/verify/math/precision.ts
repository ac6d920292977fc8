import type { MathNode } from "./ast.js";

/** A decimal answer as written: its value, decimal places and significant digits (`0.330` → 3 places, 2). */
export interface WrittenDecimal {
  value: number;
  places: number;
  significant: number;
}

/** `0.33`, `-3.14`, `33.3\%`: a decimal literal, with the places its value carries (percent adds 2). */
export function writtenDecimal(node: MathNode): WrittenDecimal | undefined {
  if (node.kind === "negate") {
    const inner = writtenDecimal(node.operand);
    return inner && { ...inner, value: -inner.value };
  }
  if (node.kind === "percent") {
    // `33\%` is 0.33: a whole percent carries two decimal places.
    const operand = node.operand;
    const inner =
      operand.kind === "number" && operand.text && /^\d+$/.test(operand.text)
        ? { value: operand.value, places: 0, significant: operand.text.replace(/^0+/, "").length }
        : writtenDecimal(operand);
    return inner && { ...inner, value: inner.value / 100, places: inner.places + 2 };
  }
  if (node.kind !== "number" || !node.text || !/^\d*\.\d+$/.test(node.text)) return undefined;
  const [whole = "", fraction = ""] = node.text.split(".");
  const digits = `${whole}${fraction}`.replace(/^0+/, "");
  return { value: node.value, places: fraction.length, significant: digits.length };
}

/** Whether `value` has a finite decimal expansion within `places` places (1/8 has, 1/3 and π have not). */
export function terminatesWithin(value: number, places: number): boolean {
  const scaled = value * 10 ** places;
  return Math.abs(scaled - Math.round(scaled)) <= 1e-6 * Math.max(1, Math.abs(scaled) * 1e-9);
}

function roundTo(value: number, places: number): number {
  const scale = 10 ** places;
  return Math.sign(value) * (Math.round(Math.abs(value) * scale) / scale);
}

/**
 * An exact value against a decimal answer with fewer places than `maxPlaces` (0.33 for 1/3): equal
 * when the value rounded to the answer's places is the answer, as a grader reads an answer given
 * "to two decimal places". Only for values with no finite expansion within `maxPlaces` places (a
 * value that has one, like 1/8 = 0.125, must be given in full) and answers with at least two
 * significant digits (0.3 is too coarse to say it means 1/3). Undefined when this does not apply.
 */
export function compareAsWritten(
  exact: number,
  written: WrittenDecimal,
  maxPlaces: number,
): { equal: boolean; rounded: number } | undefined {
  if (!Number.isFinite(exact) || written.places >= maxPlaces || written.significant < 2) return undefined;
  if (terminatesWithin(exact, maxPlaces)) return undefined;
  const rounded = roundTo(exact, written.places);
  const equal = Math.abs(rounded - written.value) <= 1e-9 * Math.max(1, Math.abs(rounded));
  return { equal, rounded };
}
