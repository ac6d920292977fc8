import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";

function grouped(digits: string, separator: string): string {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, separator);
}

/**
 * Thousands separators (`1,234`, `1 234`, `1\,234`, `1{,}234`) and decimal commas (`2,5` and
 * `1.234,5` for a decimal reference), with digit swaps and wrong decimals as the wrong variants.
 */
export function separators(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of sources.gsm8k) {
    const make = caseMaker("separators", row);
    const digits = row.answer;
    if (/^\d{4,}$/.test(digits)) {
      const style = pick(random, [",", " ", "\\,", "{,}"]);
      const pred = grouped(digits, style);
      cases.push(
        make(`thousands "${style}"`, style === " " ? `The answer is ${pred}.` : `\\boxed{${pred}}`, true),
      );
      const swapped = `${digits.slice(0, -2)}${digits.at(-1)}${digits.at(-2)}`;
      if (swapped !== digits)
        cases.push(make("thousands, digits swapped", `\\boxed{${grouped(swapped, ",")}}`, false));
    }
    if (/^\d+$/.test(digits) && Number(digits) < 100000) {
      const decimals = pick(random, ["5", "25", "75", "4"]);
      const gold = `${digits}.${decimals}`;
      cases.push(make("decimal comma", `\\boxed{${digits},${decimals}}`, true, { gold }));
      cases.push(make("decimal comma in LaTeX {,}", `$${digits}{,}${decimals}$`, true, { gold }));
      cases.push(make("decimal comma, wrong decimals", `\\boxed{${digits},${decimals}1}`, false, { gold }));
      if (Number(digits) >= 1000)
        cases.push(
          make("dot thousands and decimal comma", `\\boxed{${grouped(digits, ".")},${decimals}}`, true, {
            gold,
          }),
        );
    }
  }
  return cases;
}
