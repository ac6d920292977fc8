import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";
import { fraction, gcd, terminates } from "../values.js";

type Rewrite = [string, (answer: string) => string | undefined];

/** Rewrites that keep the value: spellings of fractions, roots, brackets, spacing, notation. */
const same: Rewrite[] = [
  ["\\dfrac", (a) => (a.includes("\\frac") ? a.replace(/\\frac/g, "\\dfrac") : undefined)],
  ["\\tfrac", (a) => (a.includes("\\frac") ? a.replace(/\\frac/g, "\\tfrac") : undefined)],
  ["no \\left \\right", (a) => (a.includes("\\left") ? a.replace(/\\left|\\right/g, "") : undefined)],
  ["a/b", (a) => (fraction(a) ? a.replace(/\\[dt]?frac\{(\d+)\}\{(\d+)\}/, "$1/$2") : undefined)],
  [
    "terminating decimal",
    (a) => {
      const f = fraction(a);
      if (!f || !terminates(f.numerator / f.denominator, 6)) return undefined;
      return String((f.sign * f.numerator) / f.denominator);
    },
  ],
  [
    "\\sqrt n as a power",
    (a) => (/^\\sqrt\{(\d+)\}$/.test(a) ? a.replace(/^\\sqrt\{(\d+)\}$/, "$1^{1/2}") : undefined),
  ],
  [
    "\\sqrt without braces",
    (a) => (/\\sqrt\{\d\}/.test(a) ? a.replace(/\\sqrt\{(\d)\}/g, "\\sqrt$1") : undefined),
  ],
  [
    "explicit \\cdot",
    (a) => (/^\d+\s*\\(?:sqrt|pi)/.test(a) ? a.replace(/^(\d+)\s*\\/, "$1 \\cdot \\") : undefined),
  ],
  [
    "spaces around operators",
    (a) =>
      /[+=,]|\d-/.test(a) && !/\d,(?:\\!)?\s*\d{3}/.test(a) ? a.replace(/\s*([+=,])\s*/g, " $1 ") : undefined,
  ],
  [
    "scientific notation",
    (a) =>
      /^\d{5,}$/.test(a) && /0{2,}$/.test(a)
        ? `${Number(a) / 10 ** (a.length - 1)} \\times 10^{${a.length - 1}}`
        : undefined,
  ],
  ["x = answer", (a) => (/^-?[\d\\]/.test(a) && !/[=,]|\\text/.test(a) ? `x = ${a}` : undefined)],
  ["unicode minus", (a) => (a.startsWith("-") ? `−${a.slice(1)}` : undefined)],
];

/** Rewrites that change the value: a swapped fraction, a wrong root, a dropped sign. */
const different: Rewrite[] = [
  [
    "fraction flipped",
    (a) => {
      const f = fraction(a);
      return f && f.numerator !== f.denominator
        ? `${f.sign < 0 ? "-" : ""}\\frac{${f.denominator}}{${f.numerator}}`
        : undefined;
    },
  ],
  [
    "unreduced fraction, numerator changed",
    (a) => {
      const f = fraction(a);
      return f && gcd(f.numerator + 1, f.denominator) === 1
        ? `${f.sign < 0 ? "-" : ""}\\frac{${f.numerator + 1}}{${f.denominator}}`
        : undefined;
    },
  ],
  [
    "root of the next integer",
    (a) =>
      /\\sqrt\{(\d+)\}/.test(a)
        ? a.replace(/\\sqrt\{(\d+)\}/, (_m, n: string) => `\\sqrt{${Number(n) + 1}}`)
        : undefined,
  ],
  ["sign dropped", (a) => (/^-\d/.test(a) || /^-\\frac/.test(a) ? a.slice(1) : undefined)],
  ["π dropped", (a) => (/^\d+\s*\\pi$/.test(a) ? a.replace(/\s*\\pi$/, "") : undefined)],
];

/** Each answer rewritten in another notation (same value) and, where one applies, a different value. */
export function notation(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of [...sources.math500, ...sources.processBench]) {
    const make = caseMaker("notation", row);
    const sameOptions = same
      .map(([name, rewrite]) => [name, rewrite(row.answer)] as const)
      .filter(([, pred]) => pred !== undefined);
    if (sameOptions.length > 0) {
      const [name, pred] = pick(random, sameOptions);
      cases.push(make(name, `\\boxed{${pred}}`, true));
    }
    const differentOptions = different
      .map(([name, rewrite]) => [name, rewrite(row.answer)] as const)
      .filter(([, pred]) => pred !== undefined);
    if (differentOptions.length > 0) {
      const [name, pred] = pick(random, differentOptions);
      cases.push(make(name, `\\boxed{${pred}}`, false));
    }
  }
  return cases;
}
