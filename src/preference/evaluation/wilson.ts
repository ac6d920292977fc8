/** z for a two-sided 95% interval (the normal distribution's 97.5% quantile). */
const z95 = 1.959963984540054;

/**
 * The Wilson score interval for a proportion (Wilson 1927): the p whose score test
 * |p̂ − p| / √(p(1 − p)/n) ≤ z does not reject. Unlike the normal (Wald) interval it stays inside
 * [0, 1] and is not empty at 0 or n successes, which matters for small groups. Rounded outward at
 * 1e-12 so that 0 and 1 are not lost to float noise. Undefined when n is 0 (nothing is known).
 * @example wilsonInterval(8, 10) // [0.4901625, 0.9433178]
 */
export function wilsonInterval(successes: number, n: number, z = z95): [number, number] | undefined {
  if (n <= 0) return undefined;
  const proportion = successes / n;
  const z2 = z * z;
  const denominator = 1 + z2 / n;
  const center = (proportion + z2 / (2 * n)) / denominator;
  const half = (z / denominator) * Math.sqrt((proportion * (1 - proportion)) / n + z2 / (4 * n * n));
  const low = center - half;
  const high = center + half;
  return [low < 1e-12 ? 0 : low, high > 1 - 1e-12 ? 1 : high];
}
