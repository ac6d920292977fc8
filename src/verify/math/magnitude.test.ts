import { describe, expect, it } from "vitest";
import { canonical, distinguish, type Magnitude } from "./magnitude.js";
import { magnitudeOf } from "./magnitude-of.js";
import { normalizeAnswer } from "./normalize.js";
import { parseMath } from "./parse.js";

const of = (latex: string) => magnitudeOf(parseMath(normalizeAnswer(latex))) as Magnitude;

describe("magnitudes beyond floating point", () => {
  it("reads scientific notation without overflowing the exponent", () => {
    expect(canonical(of("2e999999"))).toMatchObject({ sign: 1, level: 1 });
    expect(canonical(of("2e999999")).value).toBeCloseTo(999999 + Math.log10(2), 9);
    expect(distinguish(of("1e999999"), of("2e999999"))).toBe("different");
    expect(distinguish(of("10^{999999}"), of("1e999999"))).toBe("indistinct");
  });

  it("tells factorials apart by Stirling's series (log10 1000000! − log10 999999! = 6)", () => {
    const big = canonical(of("1000000!"));
    const smaller = canonical(of("999999!"));
    expect(big.value - smaller.value).toBeCloseTo(6, 6);
    // log10(1000000!) = 5565708.917… (known value)
    expect(big.value).toBeCloseTo(5565708.917, 2);
  });

  it("tells towers apart by iterated logarithms", () => {
    const tall = canonical(of("9^{9^{9^9}}"));
    const shorter = canonical(of("9^{9^{9^8}}"));
    expect(tall.level).toBe(2);
    // log10 log10 9^(9^(9^9)) = 9^9 · log10 9 + log10 log10 9
    expect(tall.value).toBeCloseTo(9 ** 9 * Math.log10(9) + Math.log10(Math.log10(9)), 0);
    expect(distinguish(tall, shorter)).toBe("different");
  });

  it("keeps tiny values apart from zero, and gives up on huge cancellations", () => {
    expect(canonical(of("10^{-10^{10}}"))).toMatchObject({ sign: 1, level: 1, value: -1e10 });
    expect(magnitudeOf(parseMath("10^{400} - 10^{400}"))).toBeUndefined();
    expect(canonical(of("e^{1000} / e^{999}")).value).toBeCloseTo(Math.E, 9);
  });
});
