import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";

/** Answers with ± against the values they stand for, and against one of them alone (a partial answer). */
export function plusMinus(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const numbers = sources.gsm8k.filter((row) => /^\d+$/.test(row.answer) && Number(row.answer) > 1);
  for (const row of numbers.slice(0, 120)) {
    const make = caseMaker("plus-minus", row);
    const c = row.answer;
    const d = pick(random, [2, 3, 5, 6, 7, 10, 11]);
    const gold = `${c} \\pm \\sqrt{${d}}`;
    cases.push(
      make("both values listed", `\\boxed{${c} + \\sqrt{${d}}, ${c} - \\sqrt{${d}}}`, true, { gold }),
    );
    cases.push(make("x = c ± √d", `\\boxed{x = ${c} \\pm \\sqrt{${d}}}`, true, { gold }));
    cases.push(
      make(
        "both values in the other order with and",
        `$x = ${c} - \\sqrt{${d}}$ and $x = ${c} + \\sqrt{${d}}$`,
        true,
        { gold },
      ),
    );
    cases.push(make("one of the two values", `\\boxed{${c} + \\sqrt{${d}}}`, false, { gold }));
    cases.push(make("± with another root", `\\boxed{${c} \\pm \\sqrt{${d + 1}}}`, false, { gold }));
    cases.push(make("±n for n and -n", `\\boxed{\\pm ${c}}`, true, { gold: `${c}, -${c}` }));
    cases.push(make("±n for n alone", `\\boxed{\\pm ${c}}`, false, { gold: c }));
  }
  for (const row of sources.math500) {
    if (!row.answer.includes("\\pm")) continue;
    const make = caseMaker("plus-minus", row);
    const plus = row.answer.replace("\\pm", "+");
    const minus = row.answer.replace("\\pm", "-");
    if (!/^\\\{/.test(row.answer))
      cases.push(make("the data's ± as two values", `\\boxed{${plus}, ${minus}}`, true));
  }
  return cases;
}
