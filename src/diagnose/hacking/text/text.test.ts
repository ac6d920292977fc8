import { describe, expect, it } from "vitest";
import { promptCoverage } from "./copied-prompt.js";
import { answerCandidates, isHedging } from "./hedging.js";
import { repeatedNgramRatio } from "./repetition.js";
import { textSignals } from "./text-signals.js";
import { words } from "./words.js";

describe("seq-rep-n (Welleck et al. 2019)", () => {
  it("is 1 − distinct/total over word n-grams", () => {
    // "a b c a b c a b c a b c": 4-grams = 9, distinct = 3 → 1 − 3/9.
    expect(repeatedNgramRatio(words("a b c a b c a b c a b c"), 4)).toBeCloseTo(2 / 3, 12);
    expect(repeatedNgramRatio(words("one two three four five six seven eight nine ten eleven"), 4)).toBe(0);
    expect(repeatedNgramRatio(words("too short to judge"), 4)).toBeNull();
  });
});

describe("answer hedging", () => {
  it("finds several committed answers", () => {
    expect(answerCandidates("so \\boxed{3} or maybe \\boxed{\\frac{1}{2}}")).toEqual(["3", "\\frac{1}{2}"]);
    expect(isHedging("The answer is 3 or 4.")).toBe(true);
    expect(isHedging("The answer is either 12 or 13")).toBe(true);
    expect(isHedging("<answer>5</answer> ... <answer>6</answer>")).toBe(true);
  });

  it("does not count one answer stated twice", () => {
    expect(isHedging("The answer is 5. Indeed \\boxed{5}.")).toBe(false);
    expect(isHedging("<answer>42</answer>")).toBe(false);
    expect(isHedging("No final answer here at all.")).toBe(false);
  });
});

describe("copied prompts", () => {
  const prompt = "A farmer has 17 sheep and buys 25 more; how many sheep are there now?";
  it("measures the fraction of the prompt's 5-grams in the completion", () => {
    expect(promptCoverage(words(prompt), words(`${prompt} 42`))).toBe(1);
    expect(promptCoverage(words(prompt), words("17 plus 25 is 42, so 42 sheep."))).toBe(0);
    expect(promptCoverage(words("too short"), words("too short"))).toBeNull();
  });
});

describe("text signals of one completion", () => {
  it("reports each pattern independently", () => {
    const thresholds = { ngram: 4, repetition: 0.5, copyCoverage: 0.6 };
    expect(textSignals("What is 2+3?", ":", thresholds)).toMatchObject({ masterKey: true, hedging: false });
    const loop = "I think so. ".repeat(20);
    expect(textSignals("What is 2+3?", loop, thresholds).repeated).toBe(true);
    expect(textSignals("What is 2+3?", "The answer is 5.", thresholds)).toEqual({
      repeated: null,
      hedging: false,
      copied: null,
      masterKey: false,
    });
  });
});
