import { type CorpusCase, caseMaker, pick, type Random, type SourceRow } from "../cases.js";
import type { Sources } from "../sources.js";
import { fraction } from "../values.js";

interface Improper {
  sign: number;
  numerator: number;
  denominator: number;
}

function mixedCases(
  row: SourceRow,
  { sign, numerator, denominator }: Improper,
  random: Random,
): CorpusCase[] {
  const whole = Math.floor(numerator / denominator);
  const rest = numerator % denominator;
  if (whole === 0 || rest === 0) return [];
  const minus = sign < 0 ? "-" : "";
  const make = caseMaker("mixed numbers", row);
  const style = pick(random, [
    (w: number, r: number) => `\\boxed{${minus}${w}\\frac{${r}}{${denominator}}}`,
    (w: number, r: number) => `\\boxed{${minus}${w} \\tfrac{${r}}{${denominator}}}`,
    (w: number, r: number) => `The answer is ${minus}${w} ${r}/${denominator}.`,
    (w: number, r: number) => `The answer is $${minus}${w}\\dfrac{${r}}{${denominator}}$.`,
  ]);
  return [
    make("mixed number", style(whole, rest), true),
    make("mixed number, whole part off by one", style(whole + 1, rest), false),
  ];
}

/** Improper fractions written as mixed numbers (`3\frac{1}{2}`, `3 1/2`), and with a wrong whole part. */
export function mixedNumbers(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of [...sources.math500, ...sources.processBench]) {
    const value = fraction(row.answer);
    if (value && value.numerator > value.denominator) cases.push(...mixedCases(row, value, random));
  }
  const numbers = sources.gsm8k.filter((row) => /^\d+$/.test(row.answer) && Number(row.answer) > 4);
  for (const row of numbers.slice(0, 150)) {
    const denominator = pick(random, [2, 3, 4, 5, 8]);
    const numerator = Number(row.answer);
    if (numerator % denominator === 0) continue;
    const gold = `\\frac{${numerator}}{${denominator}}`;
    cases.push(...mixedCases({ ...row, answer: gold }, { sign: 1, numerator, denominator }, random));
  }
  return cases;
}
