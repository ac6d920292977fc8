import { describe, expect, it } from "vitest";
import { rewriteAnswerForms } from "./answer-forms.js";
import { latexCommaGroups, readDecimalComma } from "./decimal-comma.js";
import { numberFromWords } from "./number-words.js";

describe("answer spellings read as usual notation", () => {
  it("rewrites French brackets, set-builder, systems, ellipses, dotted thousands and mixed numbers", () => {
    expect(rewriteAnswerForms("]2, \\infty[")).toBe("(2, \\infty)");
    expect(rewriteAnswerForms("[0, 1[")).toBe("[0, 1)");
    expect(rewriteAnswerForms("[0, 1]")).toBe("[0, 1]");
    expect(rewriteAnswerForms("\\{x \\mid x > 2\\}")).toBe("x > 2");
    expect(rewriteAnswerForms("\\begin{cases} x = 1 \\\\ y = 2 \\end{cases}")).toBe("x = 1, y = 2");
    expect(rewriteAnswerForms("0.33...")).toBe("0.33");
    expect(rewriteAnswerForms("= 5")).toBe("5");
    expect(rewriteAnswerForms("1.000.000")).toBe("1000000");
    expect(rewriteAnswerForms("3 and 1/2")).toBe("3\\frac{1}{2}");
  });

  it("reads decimal commas and LaTeX comma groups by the digits after them", () => {
    expect(readDecimalComma("2,5")).toBe("2.5");
    expect(readDecimalComma("1.234,5")).toBe("1234.5");
    expect(readDecimalComma("1,234")).toBe("1,234");
    expect(readDecimalComma("1, 5")).toBe("1, 5");
    expect(latexCommaGroups("1{,}000")).toBe("1000");
    expect(latexCommaGroups("2{,}5")).toBe("2.5");
  });

  it("reads numbers in words", () => {
    expect(numberFromWords("twenty-one")).toBe("21");
    expect(numberFromWords("three hundred and two")).toBe("302");
    expect(numberFromWords("\\text{five}")).toBe("5");
    expect(numberFromWords("1.5 million")).toBe("1500000");
    expect(numberFromWords("odd")).toBe("odd");
  });
});
