import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";
import { inWords } from "../values.js";

/** Numbers in words and named sets: "twenty-one" for 21, "1.5 million", ℝ and ∅ by name. */
export function wordsAndSets(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of sources.gsm8k) {
    const n = Number(row.answer);
    const words = inWords(n);
    const make = caseMaker("numbers in words and named sets", row);
    if (words) {
      cases.push(
        make("number in words", pick(random, [`The answer is ${words}.`, `\\boxed{\\text{${words}}}`]), true),
      );
      const other = inWords(n + 1);
      if (other) cases.push(make("the next number in words", `The answer is ${other}.`, false));
    }
    if (n >= 1_000_000 && n % 100_000 === 0)
      cases.push(make("N million", `\\boxed{${n / 1_000_000} \\text{ million}}`, true));
    if (n >= 1000 && n % 1000 === 0 && n < 1_000_000)
      cases.push(make("N thousand", `It comes to ${n / 1000} thousand.`, true));
  }
  const setRow = sources.math500[0];
  if (setRow) {
    const make = caseMaker("numbers in words and named sets", setRow);
    const reals = "(-\\infty, \\infty)";
    for (const name of [
      "\\mathbb{R}",
      "\\text{all real numbers}",
      "x \\in \\mathbb{R}",
      "(-\\infty,\\infty)",
    ])
      cases.push(make(`ℝ as ${name}`, `\\boxed{${name}}`, true, { gold: reals }));
    for (const name of ["\\emptyset", "\\varnothing", "\\text{no solution}", "\\{\\}"])
      cases.push(make(`∅ as ${name}`, `\\boxed{${name}}`, true, { gold: "\\emptyset" }));
    cases.push(make("ℝ for ∅", "\\boxed{\\mathbb{R}}", false, { gold: "\\emptyset" }));
    cases.push(make("∅ for ℝ", "\\boxed{\\emptyset}", false, { gold: reals }));
    cases.push(make("a ray for ℝ", "\\boxed{(0, \\infty)}", false, { gold: reals }));
  }
  return cases;
}
