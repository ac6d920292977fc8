import type { MathNode } from "./ast.js";

/** A reduced fraction with a positive denominator. */
export interface Rational {
  numerator: bigint;
  denominator: bigint;
}

/** Beyond this many bits a value is not computed exactly (the float path decides). */
const maxBits = 200_000;
const maxFactorial = 3_000;

function gcd(a: bigint, b: bigint): bigint {
  let x = a < 0n ? -a : a;
  let y = b < 0n ? -b : b;
  while (y !== 0n) [x, y] = [y, x % y];
  return x;
}

function make(numerator: bigint, denominator: bigint): Rational | undefined {
  if (denominator === 0n) return undefined;
  const sign = denominator < 0n ? -1n : 1n;
  const divisor = gcd(numerator, denominator) || 1n;
  const result = { numerator: (sign * numerator) / divisor, denominator: (sign * denominator) / divisor };
  if (bits(result.numerator) + bits(result.denominator) > maxBits) return undefined;
  return result;
}

function bits(value: bigint): number {
  return (value < 0n ? -value : value).toString(16).length * 4;
}

/** `12`, `0.125`, `1.5e3`, `0.1(6)` (a repeating decimal) as written, exactly. */
function fromText(text: string): Rational | undefined {
  const repeating = /^(\d+)\.(\d*)\((\d+)\)$/.exec(text);
  if (repeating) {
    const [, whole = "0", fixed = "", cycle = "0"] = repeating;
    // x = whole.fixed + cycle / (10^|fixed| · (10^|cycle| − 1))
    const scale = 10n ** BigInt(fixed.length);
    const period = 10n ** BigInt(cycle.length) - 1n;
    const head = BigInt(`${whole}${fixed}`);
    return make(head * period + BigInt(cycle), scale * period);
  }
  const match = /^(\d*)(?:\.(\d+))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!match) return undefined;
  const [, whole = "", fraction = "", exponentText] = match;
  const exponent = Number(exponentText ?? 0) - fraction.length;
  if (Math.abs(exponent) > 60_000) return undefined;
  const digits = BigInt(`${whole}${fraction}` || "0");
  return exponent >= 0 ? make(digits * 10n ** BigInt(exponent), 1n) : make(digits, 10n ** BigInt(-exponent));
}

function power(base: Rational, exponent: Rational): Rational | undefined {
  if (exponent.denominator !== 1n) return undefined;
  const n = exponent.numerator < 0n ? -exponent.numerator : exponent.numerator;
  if (n > 100_000n || (bits(base.numerator) + bits(base.denominator)) * Number(n) > maxBits) return undefined;
  const numerator = base.numerator ** n;
  const denominator = base.denominator ** n;
  return exponent.numerator < 0n ? make(denominator, numerator) : make(numerator, denominator);
}

/**
 * The exact value of a rational expression (integers, decimals, + − × ÷, integer powers,
 * factorials, percent), or undefined for anything else. Exactness matters where floats are equal
 * but values are not: 1/2004! against 1/2006!, 2^100 against 2^100 + 1.
 */
export function exactValue(node: MathNode): Rational | undefined {
  switch (node.kind) {
    case "number":
      return fromText(node.text ?? String(node.value));
    case "negate": {
      const value = exactValue(node.operand);
      return value && { numerator: -value.numerator, denominator: value.denominator };
    }
    case "percent": {
      const value = exactValue(node.operand);
      return value && make(value.numerator, value.denominator * 100n);
    }
    case "add": {
      let sum: Rational | undefined = { numerator: 0n, denominator: 1n };
      for (const term of node.terms) {
        const value = exactValue(term);
        if (!value || !sum) return undefined;
        sum = make(
          sum.numerator * value.denominator + value.numerator * sum.denominator,
          sum.denominator * value.denominator,
        );
      }
      return sum;
    }
    case "multiply": {
      let product: Rational | undefined = { numerator: 1n, denominator: 1n };
      for (const factor of node.factors) {
        const value = exactValue(factor);
        if (!value || !product) return undefined;
        product = make(product.numerator * value.numerator, product.denominator * value.denominator);
      }
      return product;
    }
    case "divide": {
      const top = exactValue(node.numerator);
      const bottom = exactValue(node.denominator);
      return top && bottom
        ? make(top.numerator * bottom.denominator, top.denominator * bottom.numerator)
        : undefined;
    }
    case "power": {
      const base = exactValue(node.base);
      const exponent = exactValue(node.exponent);
      return base && exponent ? power(base, exponent) : undefined;
    }
    case "call": {
      if (node.name === "degrees" && node.args.length === 1) return exactValue(node.args[0] as MathNode);
      if (node.name !== "factorial" || node.args.length !== 1) return undefined;
      const value = exactValue(node.args[0] as MathNode);
      if (value?.denominator !== 1n || value.numerator < 0n || value.numerator > BigInt(maxFactorial))
        return undefined;
      let result = 1n;
      for (let factor = 2n; factor <= value.numerator; factor++) result *= factor;
      return make(result, 1n);
    }
    default:
      return undefined;
  }
}

export function rationalsEqual(a: Rational, b: Rational): boolean {
  return a.numerator === b.numerator && a.denominator === b.denominator;
}

export function describeRational(value: Rational): string {
  const text =
    value.denominator === 1n ? value.numerator.toString() : `${value.numerator}/${value.denominator}`;
  return text.length > 40 ? `${text.slice(0, 18)}…${text.slice(-18)}` : text;
}
