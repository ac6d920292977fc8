import { describe, expect, it } from "vitest";
import { END, trainNgram } from "./char-ngram.js";

describe("character n-gram with Witten–Bell interpolation", () => {
  // Corpus "ab", "ab", "b" (each ended by END). Unigram counts a 2, b 3, END 3 (8 in all, 3 distinct):
  // P(c) = (C(c) + 3 · 1/3) / (8 + 3) → a 3/11, b 4/11, END 4/11. After "a": b twice (1 distinct):
  // P(c | a) = (C(a, c) + 1 · P(c)) / (2 + 1) → a 1/11, b 26/33, END 4/33.
  const model = trainNgram({ texts: ["ab", "ab", "b"], order: 2 });
  const probabilities = (text: string) => [...model.logProbsOf(model.codeOf(text))].map(Math.exp);

  it("interpolates each context with the shorter one, as the formula says", () => {
    expect(model.vocabulary).toEqual([END, "a", "b"]);
    const afterA = probabilities("xa".slice(1));
    expect(afterA[1]).toBeCloseTo(1 / 11, 12);
    expect(afterA[2]).toBeCloseTo(26 / 33, 12);
    expect(afterA[0]).toBeCloseTo(4 / 33, 12);
  });

  it("gives a distribution at every context, seen or not", () => {
    for (const text of ["", "a", "b", "ba", "zz"]) {
      const values = probabilities(text);
      expect(values.reduce((sum, value) => sum + value, 0)).toBeCloseTo(1, 12);
      for (const value of values) expect(value).toBeGreaterThan(0);
    }
  });

  it("moves from one context to the next by arithmetic, as codeOf computes from the text", () => {
    const wide = trainNgram({ texts: ["hello world", "help"], order: 4 });
    let code = wide.codeOf("");
    for (const char of "hel") code = wide.advance(code, wide.index(char) as number);
    expect(code).toBe(wide.codeOf("hel"));
    expect(code).toBe(wide.codeOf("xxhel"));
  });
});
