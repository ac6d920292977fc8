import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";

const money: ((n: string) => string)[] = [
  (n) => `\\boxed{\\$${n}}`,
  (n) => `The total is $\\$${n}.00$.`,
  (n) => `She pays ${n} dollars.`,
  (n) => `\\boxed{${n}\\text{ dollars}}`,
  (n) => `\\boxed{\\textdollar ${n}}`,
  (n) => `\\boxed{${n}\\,\\text{USD}}`,
  (n) => `The answer is \\$${n}.`,
];

/** The unit a GSM8K question asks in ("how many miles" → miles), if it names one. */
function askedUnit(question: string): string | undefined {
  return /how many ([a-z]+)\b/i.exec(question)?.[1];
}

/** Units and currency inside LaTeX and prose: the same number with its unit, and the next number with it. */
export function units(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of sources.gsm8k) {
    if (!/^\d+$/.test(row.answer)) continue;
    const make = caseMaker("units and currency", row);
    const wrong = String(Number(row.answer) + 1);
    if (/\$/.test(row.prompt)) {
      cases.push(make("money", pick(random, money)(row.answer), true));
      cases.push(make("money, wrong amount", pick(random, money)(wrong), false));
      continue;
    }
    const unit = askedUnit(row.prompt);
    if (!unit || unit.length < 3) continue;
    const styles = [
      (n: string) => `\\boxed{${n} \\text{ ${unit}}}`,
      (n: string) => `\\boxed{${n}\\mathrm{~${unit}}}`,
      (n: string) => `The answer is ${n} ${unit}.`,
      (n: string) => `$${n}\\ \\text{${unit}}$`,
    ];
    cases.push(make(`unit "${unit}"`, pick(random, styles)(row.answer), true));
    cases.push(make(`unit "${unit}", wrong number`, pick(random, styles)(wrong), false));
  }
  for (const row of sources.math500) {
    const match = /^(\d+(?:\.\d+)?)\s*\\(?:text|mbox)\{\s*([a-z ]+)\}(\^2)?$/.exec(row.answer);
    if (!match) continue;
    const make = caseMaker("units and currency", row);
    cases.push(make("the data's answer without its unit", `\\boxed{${match[1]}}`, true));
    cases.push(
      make(
        "the data's answer in another unit spelling",
        `\\boxed{${match[1]}\\,\\mathrm{${(match[2] as string).trim()}}${match[3] ?? ""}}`,
        true,
      ),
    );
  }
  return cases;
}
