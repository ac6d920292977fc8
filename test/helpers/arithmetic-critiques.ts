import { mulberry32 } from "../../src/core/index.js";
import type { CritiquePair } from "../../src/models/index.js";

/**
 * Preference pairs where only a critic can tell the answers apart: "What is a + b?" answered with the
 * right sum and with a sum off by 1–9. Train and held-out pairs use disjoint operands, so a model
 * that reads only the response has never seen a held-out answer's numbers.
 */
export function arithmeticPairs(options: { count: number; seed: number; operands: [number, number] }): Array<{
  prompt: string;
  right: string;
  wrong: string;
}> {
  const random = mulberry32(options.seed);
  const [low, high] = options.operands;
  const pick = () => low + Math.floor(random() * (high - low));
  return Array.from({ length: options.count }, () => {
    const a = pick();
    const b = pick();
    const off = 1 + Math.floor(random() * 9);
    return {
      prompt: `What is ${a} + ${b}?`,
      right: `${a} + ${b} = ${a + b}.`,
      wrong: `${a} + ${b} = ${a + b + (random() < 0.5 ? off : -off)}.`,
    };
  });
}

const praise = ["The sum is right.", "Correct: the arithmetic holds.", "This checks out, well done."];
const blame = ["The sum is wrong.", "Incorrect: the arithmetic fails.", "This does not add up, a mistake."];

/** What a critic that checks the arithmetic writes about "a + b = c." (phrasing varies by the numbers). */
export function arithmeticCritique(response: string): string {
  const match = /(\d+) \+ (\d+) = (-?\d+)/.exec(response);
  if (!match) return "The response gives no sum to check.";
  const [a, b, c] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const phrasing = (a + b) % 3;
  return a + b === c ? (praise[phrasing] as string) : (blame[phrasing] as string);
}

/** Pairs with the critic's critiques attached, as `trainCritiqueModel` takes them. */
export function critiquedPairs(pairs: ReturnType<typeof arithmeticPairs>): CritiquePair[] {
  return pairs.map((pair) => ({
    chosen: { prompt: pair.prompt, response: pair.right, critique: arithmeticCritique(pair.right) },
    rejected: { prompt: pair.prompt, response: pair.wrong, critique: arithmeticCritique(pair.wrong) },
  }));
}
