import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";
import { fraction, terminates } from "../values.js";

const asksPercent =
  /\bwhat (?:is the )?percent(?:age)?\b|\bas a percent(?:age)?\b|\bexpressed as a percentage\b/i;
const asksFraction = /\bcommon fraction\b/i;

/**
 * Percent against fraction where the question asks for one: "what percent…" answered `25\%`,
 * `25 percent` or `25` (accept) or `0.25` (reject); "as a common fraction" answered with the same
 * value as a percent (reject).
 */
export function percent(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of [...sources.gsm8k, ...sources.gsm8kTrain]) {
    if (
      !asksPercent.test(row.prompt) ||
      !/^\d+$/.test(row.answer) ||
      row.answer === "0" ||
      row.answer === "100"
    )
      continue;
    const make = caseMaker("percent and fractions", row);
    const prompt = row.prompt;
    const n = row.answer;
    cases.push(make("N\\%", pick(random, [`\\boxed{${n}\\%}`, `The answer is ${n}%.`]), true, { prompt }));
    cases.push(make("N percent", `So it is ${n} percent.`, true, { prompt }));
    cases.push(make("N alone", `\\boxed{${n}}`, true, { prompt }));
    cases.push(
      make("N/100 as a decimal for a percent question", `\\boxed{${Number(n) / 100}}`, false, { prompt }),
    );
    cases.push(make("(N+1)\\%", `\\boxed{${Number(n) + 1}\\%}`, false, { prompt }));
  }
  for (const row of sources.math500) {
    const value = fraction(row.answer);
    if (!asksFraction.test(row.prompt) || !value) continue;
    const make = caseMaker("percent and fractions", row);
    const share = (100 * value.sign * value.numerator) / value.denominator;
    if (terminates(share, 4))
      cases.push(
        make("the fraction as a percent, for a fraction question", `\\boxed{${share}\\%}`, false, {
          prompt: row.prompt,
        }),
      );
    cases.push(
      make("the fraction, for a fraction question", `\\boxed{${row.answer}}`, true, { prompt: row.prompt }),
    );
  }
  return cases;
}
