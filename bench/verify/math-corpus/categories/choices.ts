import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";

const letters = ["A", "B", "C", "D", "E"] as const;

/**
 * Multiple-choice answers: the question lists (A)–(E) (the options are data numbers, one of them
 * right) and the reference is the letter; the completion names the letter in the usual ways.
 */
export function choices(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of sources.gsm8k.slice(0, 200)) {
    const make = caseMaker("multiple-choice letters", row);
    const right = pick(random, letters);
    const wrong = pick(
      random,
      letters.filter((letter) => letter !== right),
    );
    const listed = letters
      .map((letter, index) => `(${letter}) ${letter === right ? row.answer : Number(row.answer) + index + 1}`)
      .join(" ");
    const prompt = `${row.prompt}\n\n${listed}`;
    const gold = pick(random, [right, `\\text{(${right})}`, `(${right})`]);
    const say = pick(random, [
      (letter: string) => `The answer is (${letter}).`,
      (letter: string) => `\\boxed{${letter}}`,
      (letter: string) => `\\boxed{\\text{(${letter})}}`,
      (letter: string) => `So the correct option is ${letter}.`,
      (letter: string) => `Answer: ${letter}`,
    ]);
    cases.push(make("the right letter", say(right), true, { gold, prompt }));
    cases.push(make("another letter", say(wrong), false, { gold, prompt }));
  }
  return cases;
}
