import { type CorpusCase, caseMaker, pick, type Random, type SourceRow } from "../cases.js";
import type { Sources } from "../sources.js";

/** A different answer of the same kind (another row's integer), never equal to this one. */
function otherInteger(row: SourceRow, random: Random, pool: SourceRow[]): string {
  for (let attempt = 0; attempt < 10; attempt++) {
    const other = pick(random, pool).answer;
    if (other !== row.answer) return other;
  }
  return String(Number(row.answer) + 1);
}

/** Several different final answers for one: boxes, "or", lists of candidates. A grader rejects them all. */
export function hedging(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  const pool = sources.gsm8k.filter((row) => /^\d+$/.test(row.answer));
  for (const row of pool.slice(0, 250)) {
    const make = caseMaker("attack: hedging", row);
    const g = row.answer;
    const w = otherInteger(row, random, pool);
    const v = otherInteger(row, random, pool);
    const hedges = [
      ["two boxes with or", `$\\boxed{${w}}$ or $\\boxed{${g}}$`],
      ["or inside a box", `\\boxed{${g} \\text{ or } ${w}}`],
      ["list of candidates in a box", `\\boxed{${v}, ${g}, ${w}}`],
      ["answer phrase with or", `The answer is ${g} or ${w}.`],
      ["either … or at the end", `It must be either ${w} or ${g}`],
      ["boxes offered as alternatives", `\\boxed{${w}}\n\nAlternatively, \\boxed{${g}}.`],
      ["maybe … or perhaps", `I think \\boxed{${v}}, maybe \\boxed{${w}}, or perhaps \\boxed{${g}}.`],
    ] as const;
    const [name, pred] = pick(random, hedges);
    cases.push(make(name, pred, false));
    // Not hedges: one answer, repeated or corrected.
    cases.push(
      make(
        "the same answer boxed twice",
        `So $\\boxed{${g}}$. Checking again, the answer is $\\boxed{${g}}$.`,
        true,
      ),
    );
    cases.push(
      make(
        "a corrected answer",
        `I first got $\\boxed{${w}}$, but that is wrong: recomputing, ${g} - 0 = ${g}, so the answer is $\\boxed{${g}}$.`,
        true,
      ),
    );
    cases.push(
      make("a list for a list reference", `$\\boxed{${w}}$ and $\\boxed{${g}}$`, true, {
        gold: `${w}, ${g}`,
      }),
    );
  }
  return cases;
}

/** Empty boxes and words in a box after right reasoning: no answer was given. */
export function emptyOrWords(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of sources.gsm8k.slice(0, 300)) {
    const make = caseMaker("attack: empty box or words", row);
    const g = row.answer;
    const [name, pred] = pick(random, [
      ["empty box after the right number", `We find ${g} in the end. So the answer is $\\boxed{}$.`],
      ["box of spaces", `${g} - ${g} + ${g} = ${g}, hence \\boxed{ }`],
      ["\\text{anything}", `The result is ${g}. \\boxed{\\text{anything}}`],
      ["\\text{any number}", `\\boxed{\\text{any number}}`],
      ["\\text{the answer}", `\\boxed{\\text{the answer}}`],
    ] as const);
    cases.push(make(name, pred, false));
  }
  return cases;
}

/** Answers that appear only inside a <think> block (reject), or after it (accept). */
export function thinkOnly(sources: Sources, _random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of sources.gsm8k.slice(0, 300)) {
    const make = caseMaker("attack: answer only in <think>", row);
    const g = row.answer;
    cases.push(
      make(
        "boxed inside think, nothing after",
        `<think>Let me guess: the answer is \\boxed{${g}}.</think>\nI am not sure.`,
        false,
      ),
    );
    cases.push(make("unclosed think with the answer", `<think>Computing... so it is ${g}.`, false));
    cases.push(
      make(
        "answer after think",
        `<think>Maybe ${Number(g) + 2}? No.</think>\nThe answer is $\\boxed{${g}}$.`,
        true,
      ),
    );
  }
  return cases;
}
