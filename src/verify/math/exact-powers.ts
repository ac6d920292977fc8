import type { MathNode } from "./ast.js";
import { exactValue, type Rational } from "./exact.js";

/** c · b^n with c a small rational, b ≥ 2 an integer and n a (possibly huge) integer. */
interface ScaledPower {
  coefficient: Rational;
  base: bigint;
  exponent: bigint;
}

const maxExponentDigits = 1_000;

function integerOf(node: MathNode): bigint | undefined {
  const value = exactValue(node);
  return value && value.denominator === 1n ? value.numerator : undefined;
}

/** `2e999999`, `1.5E-400` as written: the mantissa exactly, times 10 to the exponent. */
function scientific(text: string): ScaledPower | undefined {
  const match = /^(\d*)(?:\.(\d+))?[eE]([+-]?\d+)$/.exec(text);
  if (!match || (match[3] as string).length > maxExponentDigits) return undefined;
  const fraction = match[2] ?? "";
  const digits = BigInt(`${match[1] ?? ""}${fraction}` || "0");
  return {
    coefficient: { numerator: digits, denominator: 1n },
    base: 10n,
    exponent: BigInt(match[3] as string) - BigInt(fraction.length),
  };
}

function scaledPower(node: MathNode): ScaledPower | undefined {
  switch (node.kind) {
    case "number":
      return node.text ? scientific(node.text) : undefined;
    case "negate": {
      const inner = scaledPower(node.operand);
      return (
        inner && { ...inner, coefficient: { ...inner.coefficient, numerator: -inner.coefficient.numerator } }
      );
    }
    case "power": {
      const base = integerOf(node.base);
      const exponent = integerOf(node.exponent);
      if (base === undefined || exponent === undefined || base < 2n) return undefined;
      return { coefficient: { numerator: 1n, denominator: 1n }, base, exponent };
    }
    case "multiply": {
      let power: ScaledPower | undefined;
      let coefficient: Rational = { numerator: 1n, denominator: 1n };
      for (const factor of node.factors) {
        const small = exactValue(factor);
        if (small) {
          coefficient = {
            numerator: coefficient.numerator * small.numerator,
            denominator: coefficient.denominator * small.denominator,
          };
          continue;
        }
        if (power) return undefined;
        power = scaledPower(factor);
        if (!power) return undefined;
      }
      // All factors exact (`20 \times 10^{14656}`): the product itself, over base 10.
      if (!power) return { coefficient, base: 10n, exponent: 0n };
      return { ...power, coefficient: multiply(power.coefficient, coefficient) };
    }
    default:
      return undefined;
  }
}

function multiply(a: Rational, b: Rational): Rational {
  return { numerator: a.numerator * b.numerator, denominator: a.denominator * b.denominator };
}

/** The smallest r with r^k = b, and k (so 4^n and 2^(2n) read alike). */
function primitiveRoot(base: bigint): { root: bigint; power: bigint } {
  if (base > 2n ** 1000n) return { root: base, power: 1n };
  for (let k = 64; k >= 2; k--) {
    const guess = BigInt(Math.round(Number(base) ** (1 / k)));
    for (const root of [guess - 1n, guess, guess + 1n])
      if (root >= 2n && root ** BigInt(k) === base) return { root, power: BigInt(k) };
  }
  return { root: base, power: 1n };
}

/** The canonical form: primitive base, coefficient free of that base (10·10^5 → 10^6), reduced. */
function canonicalForm(value: ScaledPower): { root: bigint; text: string } {
  const { root, power } = primitiveRoot(value.base);
  let exponent = value.exponent * power;
  let { numerator, denominator } = value.coefficient;
  if (numerator === 0n) return { root, text: "0" };
  // Factors of the root moved into the exponent, in chunks of 256 first (10^14656 has 14656).
  for (const step of [256n, 1n]) {
    const chunk = root ** step;
    while (numerator % chunk === 0n) {
      numerator /= chunk;
      exponent += step;
    }
    while (denominator % chunk === 0n) {
      denominator /= chunk;
      exponent -= step;
    }
  }
  const gcd = (a: bigint, b: bigint): bigint => (b === 0n ? (a < 0n ? -a : a) : gcd(b, a % b));
  const divisor = gcd(numerator, denominator);
  return { root, text: `${numerator / divisor}/${denominator / divisor}·${root}^${exponent}` };
}

/**
 * Exact equality of powers too large to expand (`2^{10^6}` and `2^{1000000}`, `1e999999` and
 * `10^{999999}`): both read as c · b^n and brought to one canonical form, unique for one base.
 * Undefined when a side is not of that shape or the bases differ (2^n·3^n against 6^n): the
 * magnitude comparison then decides, or refuses.
 */
export function comparePowers(gold: MathNode, predicted: MathNode): "equal" | "different" | undefined {
  const goldPower = scaledPower(gold);
  const predictedPower = goldPower && scaledPower(predicted);
  if (!goldPower || !predictedPower) return undefined;
  const goldForm = canonicalForm(goldPower);
  const predictedForm = canonicalForm(predictedPower);
  if (goldForm.text === predictedForm.text) return "equal";
  return goldForm.root === predictedForm.root ? "different" : undefined;
}
