import { type CorpusCase, caseMaker, pick, type Random } from "../cases.js";
import type { Sources } from "../sources.js";
import { bumpLastDigit } from "../values.js";

const wrappers: [string, (answer: string) => string][] = [
  ["boxed", (a) => `So we get $\\boxed{${a}}$.`],
  ["fbox", (a) => `\\fbox{${a}}`],
  ["dollars", (a) => `The final answer is $${a}$.`],
  ["\\( \\)", (a) => `Therefore the answer is \\(${a}\\).`],
  ["\\[ \\]", (a) => `Thus\n\\[${a}\\]`],
  ["answer tags", (a) => `<think>Working it out.</think><answer>${a}</answer>`],
  ["Final Answer line", (a) => `Final Answer: The final answer is $${a}$. I hope it is correct.`],
  ["bold answer", (a) => `**Answer:** $${a}$`],
  ["displaystyle box", (a) => `$\\boxed{\\displaystyle ${a}}$`],
  ["answer on its own line", (a) => `Final answer:\n$${a}$`],
];

/** The same answer in the wrappers models write around it, and a one-digit-off answer in them. */
export function wrapperCases(sources: Sources, random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of [...sources.math500, ...sources.processBench, ...sources.gsm8k.slice(0, 300)]) {
    const make = caseMaker("wrappers", row);
    const [name, wrap] = pick(random, wrappers);
    cases.push(make(name, wrap(row.answer), true));
    const wrong = bumpLastDigit(row.answer);
    const [otherName, otherWrap] = pick(random, wrappers);
    if (wrong && !/_\{?\d*$/.test(row.answer))
      cases.push(make(`${otherName}, digit changed`, otherWrap(wrong), false));
  }
  return cases;
}
