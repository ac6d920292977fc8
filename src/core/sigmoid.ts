/**
 * The logistic function σ(x) = 1 / (1 + e^−x), written so that neither branch exponentiates a large
 * positive number: every room (Bradley–Terry losses, PAR, calibration, the lab's worlds) uses this one.
 * @example sigmoid(0) // 0.5
 */
export function sigmoid(value: number): number {
  if (value >= 0) return 1 / (1 + Math.exp(-value));
  const exponential = Math.exp(value);
  return exponential / (1 + exponential);
}

/**
 * log σ(x), stable for large |x| (log1p of a number in (0, 1], never of an overflowed exponential).
 * @example logSigmoid(-1000) // -1000
 */
export function logSigmoid(value: number): number {
  return value >= 0 ? -Math.log1p(Math.exp(-value)) : value - Math.log1p(Math.exp(value));
}
