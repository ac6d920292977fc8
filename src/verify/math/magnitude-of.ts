import type { MathNode } from "./ast.js";
import {
  add,
  canonical,
  expOf,
  fromFloat,
  logOf,
  type Magnitude,
  multiply,
  negate,
  reciprocal,
  zero,
} from "./magnitude.js";

const log10e = Math.LOG10E;

/** `1.5e999999` as written: mantissa and exponent read separately, so the exponent never overflows. */
function numberMagnitude(node: MathNode & { kind: "number" }): Magnitude | undefined {
  const match = /^(\d*\.?\d*)[eE]([+-]?\d+)$/.exec(node.text ?? "");
  if (!match) return fromFloat(node.value);
  const mantissa = Number(match[1]);
  if (mantissa === 0) return zero;
  return canonical({ sign: 1, level: 1, value: Math.log10(mantissa) + Number(match[2]) });
}

/** |base|^exponent, with the sign of an odd integer power of a negative base. */
function power(base: Magnitude, exponent: Magnitude, exponentNode: MathNode): Magnitude | undefined {
  if (base.sign === 0) return exponent.sign > 0 ? zero : undefined;
  const logs = multiply(exponent, logOf(canonical({ ...base, sign: 1 })) as Magnitude);
  const result = logs && expOf(logs);
  if (!result || base.sign > 0) return result;
  const integer =
    exponentNode.kind === "number" && Number.isInteger(exponentNode.value) ? exponentNode.value : undefined;
  return integer === undefined ? undefined : { ...result, sign: integer % 2 === 0 ? 1 : -1 };
}

/** log10(n!) by Stirling's series (exact enough: the error is below 1/(360 n³)). */
function factorial(n: Magnitude): Magnitude | undefined {
  const c = canonical(n);
  if (c.sign < 0) return undefined;
  if (c.level === 0) {
    const value = c.value;
    if (!Number.isInteger(value)) return undefined;
    if (value <= 170) {
      let product = 1;
      for (let factor = 2; factor <= value; factor++) product *= factor;
      return fromFloat(product);
    }
    const log =
      (value + 0.5) * Math.log10(value) -
      value * log10e +
      0.5 * Math.log10(2 * Math.PI) +
      log10e / (12 * value);
    return expOf(fromFloat(log) as Magnitude);
  }
  // Huge n: log10(n!) = n (log10 n − log10 e) to far beyond the precision of n itself.
  const inner = add(logOf(c) as Magnitude, fromFloat(-log10e) as Magnitude);
  const log = inner && multiply(c, inner);
  return log && expOf(log);
}

/**
 * The magnitude of a constant expression built from numbers, + − × ÷, powers, roots, factorials,
 * percent and exp — or undefined for anything else (variables, trigonometry, ∞).
 */
export function magnitudeOf(node: MathNode): Magnitude | undefined {
  switch (node.kind) {
    case "number":
      return numberMagnitude(node);
    case "constant":
      return node.name === "infinity" ? undefined : fromFloat(node.name === "pi" ? Math.PI : Math.E);
    case "negate": {
      const operand = magnitudeOf(node.operand);
      return operand && negate(operand);
    }
    case "percent": {
      const operand = magnitudeOf(node.operand);
      return operand && multiply(operand, fromFloat(0.01) as Magnitude);
    }
    case "add":
      return node.terms.reduce<Magnitude | undefined>((sum, term) => {
        const value = sum && magnitudeOf(term);
        return sum && value && add(sum, value);
      }, zero);
    case "multiply":
      return node.factors.reduce<Magnitude | undefined>((product, factor) => {
        const value = product && magnitudeOf(factor);
        return product && value && multiply(product, value);
      }, fromFloat(1));
    case "divide": {
      const numerator = magnitudeOf(node.numerator);
      const denominator = magnitudeOf(node.denominator);
      const inverse = denominator && reciprocal(denominator);
      return numerator && inverse && multiply(numerator, inverse);
    }
    case "power": {
      const base = magnitudeOf(node.base);
      const exponent = magnitudeOf(node.exponent);
      return base && exponent && power(base, exponent, node.exponent);
    }
    case "call":
      return callMagnitude(node);
    default:
      return undefined;
  }
}

function callMagnitude(node: MathNode & { kind: "call" }): Magnitude | undefined {
  const argument = node.args[0] && magnitudeOf(node.args[0]);
  if (!argument) return undefined;
  switch (node.name) {
    case "factorial":
      return factorial(argument);
    case "sqrt":
      return power(argument, fromFloat(0.5) as Magnitude, { kind: "number", value: 0.5, decimal: true });
    case "exp": {
      const log = multiply(argument, fromFloat(log10e) as Magnitude);
      return log && expOf(log);
    }
    case "abs":
      return argument.sign < 0 ? negate(argument) : argument;
    case "degrees":
      return argument;
    default:
      return undefined;
  }
}
