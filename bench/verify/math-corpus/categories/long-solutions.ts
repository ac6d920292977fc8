import { type CorpusCase, caseMaker, type Random } from "../cases.js";
import { replaceLastBox, type Sources } from "../sources.js";

/** A GSM8K gold solution as a model writes it: calculator notes removed, each result in bold. */
function boldSteps(solution: string): { text: string; results: string[] } {
  const results: string[] = [];
  const body = (solution.split("####")[0] ?? "").replace(/<<[^>]*>>/g, "");
  const text = body.replace(/=\s*\$?(\d+(?:\.\d+)?)/g, (_match, value: string) => {
    results.push(value);
    return `= **${value}**`;
  });
  return { text: text.trim(), results };
}

/**
 * The final answer of a long solution whose steps hold other bold or boxed values: GSM8K gold
 * solutions with every intermediate result in bold, MATH-500 solutions with an intermediate value
 * boxed; the final answer right (accept) or replaced by an intermediate value while the right one
 * appears earlier (reject).
 */
export function longSolutions(sources: Sources, _random: Random): CorpusCase[] {
  const cases: CorpusCase[] = [];
  for (const row of sources.gsm8k) {
    const { text, results } = boldSteps(row.solution ?? "");
    const intermediate = results.find((value) => value !== row.answer);
    if (!intermediate) continue;
    const make = caseMaker("long solutions with intermediate values", row);
    cases.push(
      make("bold steps, final answer sentence", `${text}\n\nSo the final answer is ${row.answer}.`, true),
    );
    cases.push(
      make("bold steps, boxed final", `${text}\n\nTherefore, the answer is $\\boxed{${row.answer}}$.`, true),
    );
    cases.push(
      make(
        "bold steps, final answer an intermediate value",
        `${text}\n\nSo the final answer is **${intermediate}**.`,
        false,
      ),
    );
    cases.push(
      make(
        "right value boxed midway, wrong final box",
        `First, $\\boxed{${row.answer}}$ is what I get for part of it.\n${text}\n\nThe answer is $\\boxed{${intermediate}}$.`,
        false,
      ),
    );
  }
  for (const row of sources.math500) {
    const solution = row.solution ?? "";
    const number = /(?<![\w.{^_\\])(\d+)(?![\w.}])/.exec(solution.slice(0, Math.floor(solution.length / 2)));
    if (!number || number[1] === row.answer || !/\\boxed\{/.test(solution)) continue;
    const make = caseMaker("long solutions with intermediate values", row);
    const at = number.index;
    const withBox = `${solution.slice(0, at)}\\boxed{${number[1]}}${solution.slice(at + (number[1] as string).length)}`;
    cases.push(make("an intermediate value boxed, then the final box", withBox, true));
    const early = `${solution.slice(0, at)}\\boxed{${row.answer}}${solution.slice(at + (number[1] as string).length)}`;
    const wrongFinal = replaceLastBox(early, number[1] as string);
    if (wrongFinal)
      cases.push(make("right value boxed midway, final box an intermediate value", wrongFinal, false));
  }
  return cases;
}
