import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";
import { rounded, simpleValue, terminates } from "../values.js";

/**
 * Answers given to fewer decimal places than the exact value: an exact reference with no finite
 * expansion (1/3, √2, 3π) answered by its rounding to 2–4 places (a grader accepts) or with the
 * last digit off by one (rejects); integers answered as `18.0` (accepts) or `18.5` (rejects).
 */
export function precision(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of [...sources.math500, ...sources.processBench]) {
    const value = simpleValue(row.answer);
    if (value === undefined || terminates(value, 6) || Math.abs(value) < 0.1 || Math.abs(value) > 1e5)
      continue;
    const make = caseMaker("precision", row);
    const places = pick(random, [2, 3, 4]);
    const close = rounded(value, places);
    cases.push(make(`rounded to ${places} places`, `\\boxed{${close}}`, true));
    cases.push(make("rounded to 6 places", `The answer is $${rounded(value, 6)}$.`, true));
    cases.push(make("exact answer for a rounded reference", `\\boxed{${row.answer}}`, true, { gold: close }));
    if (Math.abs(value) < 1 && Math.abs(value) >= 0.1)
      cases.push(make("a whole percent", `\\boxed{${rounded(100 * value, 0)}\\%}`, true));
    const unit = 10 ** -places * (random() < 0.5 ? 1 : -1);
    cases.push(make(`${places} places, last digit off`, `\\boxed{${rounded(value + unit, places)}}`, false));
  }
  for (const row of sources.gsm8k.slice(0, 200)) {
    const make = caseMaker("precision", row);
    cases.push(make("integer as N.0", `The answer is ${row.answer}.0`, true));
    cases.push(make("integer as N.00", `\\boxed{${row.answer}.00}`, true));
    cases.push(make("integer plus a half", `\\boxed{${row.answer}.5}`, false));
  }
  return cases;
}
