import { describe, expect, it } from "vitest";
import { normalizeAnswer } from "./normalize.js";
import { parseMath } from "./parse.js";
import { realSet } from "./real-set.js";
import { differingPoint } from "./set-compare.js";

const set = (latex: string) => {
  const result = realSet(parseMath(normalizeAnswer(latex)), "x");
  if (!result) throw new Error(`not a set: ${latex}`);
  return result;
};
const same = (a: string, b: string) => differingPoint(set(a), set(b)) === undefined;

describe("solution sets compared by membership", () => {
  it("equates intervals, chains, rays, unions and absolute-value conditions that describe one set", () => {
    expect(same("[-2, 7]", "-2 \\le x \\le 7")).toBe(true);
    expect(same("7 \\ge x \\ge -2", "[-2, 7]")).toBe(true);
    expect(same("(-\\infty, -2) \\cup (3, \\infty)", "x < -2, x > 3")).toBe(true);
    expect(same("|x - 1| < 3", "(-2, 4)")).toBe(true);
    expect(same("x^2 \\ge 4", "(-\\infty, -2] \\cup [2, \\infty)")).toBe(true);
    expect(same("x \\ge 1, x \\le 5", "[1, 5]")).toBe(true);
  });

  it("finds the point where two sets differ, endpoints included", () => {
    expect(differingPoint(set("x > 5"), set("x \\ge 5"))).toBeCloseTo(5, 6);
    expect(same("[1, 2)", "[1, 2]")).toBe(false);
    expect(same("x \\ne 3", "(-\\infty, \\infty)")).toBe(false);
    expect(same("x \\ne 3", "(-\\infty, 3) \\cup (3, \\infty)")).toBe(true);
    expect(same("|x| < 3", "(-3, 3]")).toBe(false);
  });
});
