import type { Verdict } from "./compare.js";
import { type NumericOptions, numbersEqual } from "./numeric.js";

export interface PlainNumber {
  value: number;
  decimal: boolean;
}

/** `18`, `-3.5`, `1,234`, `$5`: a plain number, for the fast path that skips parsing. */
export function plainNumber(text: string): PlainNumber | undefined {
  let trimmed = text
    .trim()
    .replace(/^\$(.*)\$$/, "$1")
    .replace(/^\\?\$/, "")
    .replace(/\.$/, "")
    .trim();
  if (/^-?\d{1,3}(?:([, ])\d{3})(?:\1\d{3})*(?:\.\d+)?$/.test(trimmed))
    trimmed = trimmed.replace(/[, ]/g, "");
  if (!/^-?(?:\d+(?:\.\d+)?|\.\d+)$/.test(trimmed) || trimmed.length > 15) return undefined;
  return { value: Number(trimmed), decimal: trimmed.includes(".") };
}

/** Two plain numbers: exact for integers, rounded to `floatRounding` places when either is a decimal. */
export function comparePlainNumbers(
  gold: PlainNumber,
  answer: PlainNumber,
  options: NumericOptions,
): Verdict {
  const rounding = gold.decimal || answer.decimal ? options.floatRounding : undefined;
  const equal = numbersEqual(gold.value, answer.value, rounding, options.relativeTolerance);
  return { equal, how: `${answer.value} ${equal ? "=" : "≠"} ${gold.value} (numbers)` };
}
