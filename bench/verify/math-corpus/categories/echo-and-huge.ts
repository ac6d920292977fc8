import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";

const asking =
  /(?:^|[.?]\s+)(?:Compute|Evaluate|Simplify|Find|What is|Calculate|Expand|Factor)\s+\$([^$]{3,80})\$/;

/**
 * Answers copied from the prompt: "Compute $\dbinom{8}{4}$." answered `\binom{8}{4}` — the
 * question, not its result (reject, whatever its value); the same prompt with the right answer
 * (accept) as the control.
 */
export function promptEcho(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of [...sources.math500, ...sources.processBench]) {
    const match = asking.exec(row.prompt.trim());
    const expression = match?.[1];
    if (!expression || expression.replace(/\s+/g, "") === row.answer.replace(/\s+/g, "")) continue;
    const make = caseMaker("attack: copy of the prompt", row);
    cases.push(
      make("the prompt's expression boxed", `\\boxed{${expression}}`, false, { prompt: row.prompt }),
    );
    cases.push(
      make("the right answer, prompt given", `\\boxed{${row.answer}}`, true, { prompt: row.prompt }),
    );
  }
  const numbers = sources.gsm8k.filter(
    (row) => /^\d+$/.test(row.answer) && Number(row.answer) > 1 && Number(row.answer) < 500,
  );
  for (const row of numbers.slice(0, 100)) {
    const make = caseMaker("attack: copy of the prompt", row);
    const a = Number(row.answer);
    const b = Number(pick(random, numbers).answer);
    const [question, expression, value] = pick(random, [
      [`Compute $${a} \\times ${b}$.`, `${a} \\times ${b}`, String(a * b)],
      [`What is $${a} + ${b}$?`, `${a} + ${b}`, String(a + b)],
      [`Evaluate $${a}^2 - ${b}$.`, `${a}^2 - ${b}`, String(a * a - b)],
      [`Simplify $\\sqrt{${a * a}}$.`, `\\sqrt{${a * a}}`, String(a)],
      [`What is $\\frac{${a}}{8}$ written as a decimal?`, `\\frac{${a}}{8}`, String(a / 8)],
    ] as const);
    if (expression === value) continue;
    cases.push(
      make("a computation copied from the prompt", `The answer is $\\boxed{${expression}}$.`, false, {
        gold: value,
        prompt: question,
      }),
    );
    cases.push(
      make("the computed value, prompt given", `The answer is $\\boxed{${value}}$.`, true, {
        gold: value,
        prompt: question,
      }),
    );
  }
  return cases;
}

/**
 * Values too large (or small) for a float: different ones must not be equal because both
 * overflow; equal ones written differently are equal. Built from data numbers a, b (a ≠ b).
 */
export function hugeValues(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const pool = sources.gsm8k.filter(
    (row) => /^\d+$/.test(row.answer) && Number(row.answer) > 2 && Number(row.answer) < 10000,
  );
  for (const row of pool.slice(0, 60)) {
    const make = caseMaker("huge values", row);
    const a = Number(row.answer);
    const b = Number(pick(random, pool).answer);
    const e = 400 + Math.floor(random() * 1_000_000);
    if (a === b) continue;
    cases.push(make("a·10^e against b·10^e", `\\boxed{${b}e${e}}`, false, { gold: `${a}e${e}` }));
    cases.push(
      make("a·10^e written two ways", `\\boxed{${a} \\times 10^{${e}}}`, true, { gold: `${a}e${e}` }),
    );
    cases.push(make("10^{-e} against 0", `\\boxed{10^{-${e}}}`, false, { gold: "0" }));
    cases.push(
      make("(a·1000)! against (a·1000 − 1)!", `\\boxed{${a * 1000 - 1}!}`, false, { gold: `${a * 1000}!` }),
    );
    cases.push(
      make("towers a^a^a^a against a^a^a^(a−1)", `\\boxed{${a}^{${a}^{${a}^{${a - 1}}}}}`, false, {
        gold: `${a}^{${a}^{${a}^{${a}}}}`,
      }),
    );
    cases.push(
      make("2^(a·10^4) written with the exponent expanded", `\\boxed{2^{${a * 10000}}}`, true, {
        gold: `2^{${a} \\cdot 10^{4}}`,
      }),
    );
    cases.push(make("a huge number against ∞", `\\boxed{10^{${e}}}`, false, { gold: "\\infty" }));
    cases.push(
      make("∞ plus a tiny term against ∞... π plus 10^{-e}", `\\boxed{\\pi + 10^{-${e}}}`, false, {
        gold: "\\pi",
      }),
    );
  }
  return cases;
}
