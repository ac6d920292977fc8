import { type CorpusCase, caseMaker, pick, type Random, type SourceRow } from "../cases.js";
import type { Sources } from "../sources.js";

type Bound = { value: string; closed: boolean };

const lower = (b: Bound, v: string) => `${b.value} ${b.closed ? "\\le" : "<"} ${v}`;
const upper = (b: Bound, v: string) => `${v} ${b.closed ? "\\le" : "<"} ${b.value}`;

function intervalText(low: Bound, high: Bound): string {
  return `${low.closed ? "[" : "("}${low.value}, ${high.value}${high.closed ? "]" : ")"}`;
}

/** Bounded intervals, rays and two-ray unions from pairs of data numbers a < b, written as sets and as conditions. */
function fromNumbers(row: SourceRow, other: SourceRow, random: Random): CorpusCase[] {
  const a = Math.min(Number(row.answer), Number(other.answer));
  const b = Math.max(Number(row.answer), Number(other.answer));
  if (!(a < b)) return [];
  const make = caseMaker("intervals", row);
  const closedLow = random() < 0.5;
  const closedHigh = random() < 0.5;
  const low = { value: String(a), closed: closedLow };
  const high = { value: String(b), closed: closedHigh };
  const gold = intervalText(low, high);
  const flipped = intervalText({ ...low, closed: !closedLow }, high);
  const ray = `(${a}, \\infty)`;
  const union = `(-\\infty, ${a}) \\cup (${b}, \\infty)`;
  const c = (a + b) / 2;
  const r = (b - a) / 2;
  return [
    make("chain for an interval", `\\boxed{${lower(low, "x")} ${upper(high, "").trim()}}`, true, { gold }),
    make("x ∈ interval", `$x \\in ${gold}$`, true, { gold }),
    make("interval for a chain", `\\boxed{${gold}}`, true, {
      gold: `${lower(low, "x")} ${upper(high, "").trim()}`,
    }),
    make("one end's bracket flipped", `\\boxed{${flipped}}`, false, { gold }),
    make(
      "chain with one end's inequality flipped",
      `\\boxed{${lower({ ...low, closed: !closedLow }, "x")} ${upper(high, "").trim()}}`,
      false,
      { gold },
    ),
    make("x > a for a ray", `\\boxed{x > ${a}}`, true, { gold: ray }),
    make("French brackets for a ray", `\\boxed{]${a}, +\\infty[}`, true, { gold: ray }),
    make("set-builder for a ray", `\\boxed{\\{x \\mid x > ${a}\\}}`, true, { gold: ray }),
    make("set-builder with ≥ for an open ray", `\\boxed{\\{x : x \\geq ${a}\\}}`, false, { gold: ray }),
    make("two intervals joined by or", `\\boxed{(-\\infty, ${a}) \\text{ or } (${b}, \\infty)}`, true, {
      gold: union,
    }),
    make(
      "a chain written backwards",
      `\\boxed{${b} ${closedHigh ? "\\ge" : ">"} x ${closedLow ? "\\ge" : ">"} ${a}}`,
      true,
      { gold },
    ),
    make("x ≥ a for an open ray", `\\boxed{x \\ge ${a}}`, false, { gold: ray }),
    make("two rays with or", `\\boxed{x < ${a} \\text{ or } x > ${b}}`, true, { gold: union }),
    make("two rays, one end closed", `\\boxed{x < ${a} \\text{ or } x \\ge ${b}}`, false, { gold: union }),
    make("union with a closed end", `\\boxed{(-\\infty, ${a}] \\cup (${b}, \\infty)}`, false, {
      gold: union,
    }),
    make("interval for |x - c| < r", `\\boxed{(${a}, ${b})}`, true, { gold: `|x - ${c}| < ${r}` }),
    make("closed interval for |x - c| < r", `\\boxed{[${a}, ${b}]}`, false, { gold: `|x - ${c}| < ${r}` }),
    make("rays for |x - c| ≥ r", `\\boxed{(-\\infty, ${a}] \\cup [${b}, \\infty)}`, true, {
      gold: `|x - ${c}| \\ge ${r}`,
    }),
    make("unsolved |x - c| < r for an interval", `\\boxed{|x - ${c}| < ${r}}`, false, {
      gold: `(${a}, ${b})`,
    }),
  ];
}

/** The data's own interval answers, as conditions (same set) and with a bracket flipped. */
function fromAnswers(row: SourceRow): CorpusCase[] {
  const match = /^([[(])\s*(-?\d+)\s*,\s*(\\infty|-?\d+)\s*([\])])$/.exec(
    row.answer.replace(/\\left|\\right/g, ""),
  );
  if (!match) return [];
  const [, open, low, high, close] = match as unknown as [string, string, string, string, string];
  const make = caseMaker("intervals", row);
  const condition =
    high === "\\infty"
      ? `x ${open === "[" ? "\\ge" : ">"} ${low}`
      : `${low} ${open === "[" ? "\\le" : "<"} x ${close === "]" ? "\\le" : "<"} ${high}`;
  const flipped = `${open === "[" ? "(" : "["}${low}, ${high}${close}`;
  return [
    make("the data's interval as a condition", `\\boxed{${condition}}`, true),
    make("the data's interval, bracket flipped", `\\boxed{${flipped}}`, false),
  ];
}

/** Inequality chains against intervals and unions of intervals (absolute values included). */
export function intervals(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of [...sources.math500, ...sources.processBench]) cases.push(...fromAnswers(row));
  const numbers = sources.gsm8k.filter((row) => /^\d+$/.test(row.answer) && Number(row.answer) < 1000);
  for (const row of numbers.slice(0, 60)) cases.push(...fromNumbers(row, pick(random, numbers), random));
  return cases;
}
