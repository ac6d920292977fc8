import { describe, expect, it } from "vitest";
import { copiedFromPrompt } from "./echo.js";
import { normalizeAnswer } from "./normalize.js";
import { parseMath } from "./parse.js";

const copied = (answerText: string, reference: string, prompt: string) =>
  copiedFromPrompt({
    answerText,
    answer: parseMath(normalizeAnswer(answerText)),
    reference: parseMath(normalizeAnswer(reference)),
    prompt,
  });

describe("answers copied from the prompt", () => {
  it("finds the prompt's math repeated as the answer, by text or by printed form", () => {
    expect(copied("\\binom{8}{4}", "70", "Compute $\\dbinom{8}{4}$.")).toBe(true);
    expect(copied("\\binom84", "70", "Compute $\\dbinom{8}{4}$.")).toBe(true);
    expect(copied("2+3", "5", "Compute 2+3.")).toBe(true);
    expect(copied("|x-2| \\le 5", "[-3, 7]", "Solve $|x - 2| \\le 5$ for $x$.")).toBe(true);
  });

  it("never calls a number, or an answer printed like the reference, a copy", () => {
    expect(copied("12", "12", "How many of the $12$ eggs are left?")).toBe(false);
    expect(copied("\\frac{1}{3}", "\\frac13", "What is $\\frac{1}{3}$ of $1$?")).toBe(false);
    expect(copied("x+1", "x+1", "Factor $(x+1)^2 - 1$.")).toBe(false);
    expect(copied("2\\sqrt{2}", "2\\sqrt2", "Simplify $\\sqrt{8}$.")).toBe(false);
  });
});
