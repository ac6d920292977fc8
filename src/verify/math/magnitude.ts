/**
 * Real numbers too large (or too small) for a float, in level-index form: |x| = value at level 0,
 * 10^value at level 1, 10^10^value at level 2, and so on. Enough to tell 2·10^999999 from
 * 10^999999, 1000000! from 999999! and 9^9^9^9 from 9^9^9^8 — values a float calls Infinity
 * alike — and to say when two such values cannot be told apart at the precision available.
 */
export interface Magnitude {
  sign: -1 | 0 | 1;
  level: number;
  value: number;
}

const maxLevel = 6;
const floatLimit = 1e300;

export const zero: Magnitude = { sign: 0, level: 0, value: 0 };

/** A float as a magnitude (undefined for NaN and ±Infinity). */
export function fromFloat(x: number): Magnitude | undefined {
  if (!Number.isFinite(x)) return undefined;
  if (x === 0) return zero;
  return { sign: x < 0 ? -1 : 1, level: 0, value: Math.abs(x) };
}

/** Lowers the level while the value still fits a float (canonical form, for comparisons). */
export function canonical(m: Magnitude): Magnitude {
  let { level, value } = m;
  while (level > 0 && (level > 1 ? value < 300 : value < 300 && value > -300)) {
    value = 10 ** value;
    level--;
  }
  while (level === 0 && (value > floatLimit || (value < 1 / floatLimit && value > 0))) {
    value = Math.log10(value);
    level++;
  }
  while (level >= 1 && value > floatLimit && level < maxLevel) {
    value = Math.log10(value);
    level++;
  }
  return { sign: m.sign, level, value };
}

/** log10|x| as a magnitude (x ≠ 0). */
export function logOf(m: Magnitude): Magnitude | undefined {
  if (m.sign === 0) return undefined;
  if (m.level === 0) return fromFloat(Math.log10(m.value));
  if (m.level === 1) return fromFloat(m.value);
  return { sign: 1, level: m.level - 1, value: m.value };
}

/** 10^m, positive. */
export function expOf(m: Magnitude): Magnitude | undefined {
  if (m.sign === 0) return { sign: 1, level: 0, value: 1 };
  if (m.sign < 0) {
    if (m.level === 0) return canonical({ sign: 1, level: 1, value: -m.value });
    const exponent = m.level === 1 ? 10 ** m.value : Number.NaN;
    return Number.isFinite(exponent) ? canonical({ sign: 1, level: 1, value: -exponent }) : undefined;
  }
  return canonical({ sign: 1, level: m.level + 1, value: m.value });
}

/** a + b; undefined when huge opposite values cancel beyond the precision available. */
export function add(a: Magnitude, b: Magnitude): Magnitude | undefined {
  if (a.sign === 0) return b;
  if (b.sign === 0) return a;
  const x = canonical(a);
  const y = canonical(b);
  if (x.level === 0 && y.level === 0) return fromFloat(x.sign * x.value + y.sign * y.value);
  const [big, small] = greater(x, y) ? [x, y] : [y, x];
  const logBig = logOf(big) as Magnitude;
  const logSmall = logOf(small) as Magnitude;
  const gap = add(logBig, negate(logSmall));
  if (!gap) return undefined;
  const gapValue = canonical(gap);
  const sameSign = big.sign === small.sign;
  // The smaller one is below the precision of the larger: the sum is the larger (unless they cancel).
  if (gapValue.level > 0 || gapValue.value > 17 || (big.level > 1 && sameSign)) return big;
  if (big.level > 1) return undefined;
  const ratio = 10 ** -(gapValue.sign * gapValue.value);
  const factor = sameSign ? 1 + ratio : 1 - ratio;
  if (factor <= 1e-12) return undefined;
  return canonical({ sign: big.sign, level: 1, value: big.value + Math.log10(factor) });
}

export function negate(m: Magnitude): Magnitude {
  return { ...m, sign: -m.sign as Magnitude["sign"] };
}

/** a · b by adding logarithms. */
export function multiply(a: Magnitude, b: Magnitude): Magnitude | undefined {
  if (a.sign === 0 || b.sign === 0) return zero;
  const x = canonical(a);
  const y = canonical(b);
  if (x.level === 0 && y.level === 0 && Number.isFinite(x.value * y.value) && x.value * y.value > 0)
    return canonical({ sign: (x.sign * y.sign) as 1 | -1, level: 0, value: x.value * y.value });
  const logs = add(logOf(x) as Magnitude, logOf(y) as Magnitude);
  const result = logs && expOf(logs);
  return result && { ...result, sign: (x.sign * y.sign) as 1 | -1 };
}

/** 1 / a. */
export function reciprocal(a: Magnitude): Magnitude | undefined {
  if (a.sign === 0) return undefined;
  const log = logOf(canonical(a));
  const result = log && expOf(negate(log));
  return result && { ...result, sign: a.sign };
}

/** |a| > |b|, on canonical forms. */
function greater(a: Magnitude, b: Magnitude): boolean {
  return a.level !== b.level ? a.level > b.level : a.value > b.value;
}

/** Whether two magnitudes are told apart: "different", or "indistinct" at the precision available. */
export function distinguish(a: Magnitude, b: Magnitude): "different" | "indistinct" {
  const x = canonical(a);
  const y = canonical(b);
  if (x.sign !== y.sign || x.level !== y.level) return "different";
  const scale = Math.max(1, Math.abs(x.value), Math.abs(y.value));
  return Math.abs(x.value - y.value) > 1e-9 * scale ? "different" : "indistinct";
}

/** A magnitude for reasons: `≈ 10^(6.0e6)`, `≈ 10^10^(3.7e8)`. */
export function describeMagnitude(m: Magnitude): string {
  const c = canonical(m);
  const sign = c.sign < 0 ? "-" : "";
  if (c.level === 0) return `${sign}${Number(c.value.toPrecision(10))}`;
  const inner = Number(c.value.toPrecision(10));
  return `${sign}10^${"10^".repeat(c.level - 1)}(${inner})`;
}
