/** A fitted learning curve err(n) = a·n^(−b) + c (c: the error more data cannot remove). */
export interface LearningCurve {
  a: number;
  b: number;
  c: number;
  /** Points the fit used. */
  points: number;
}

/** The curve's predicted error at n samples. */
export function predictError(curve: LearningCurve, n: number): number {
  return curve.a * Math.max(n, 1) ** -curve.b + curve.c;
}

/**
 * Least-squares fit of the inverse power law err(n) = a·n^(−b) + c to measured (n, error) points,
 * the learning-curve model of the equitable-sampling framework (reconstructed: the paper's curves
 * are group-specific learning rates estimated as data arrives). c is searched on a grid in
 * [0, min error); for each c, log(err − c) = log a − b·log n is a linear regression. With fewer
 * than two distinct n the exponent cannot be told, and b = 0.5 (the parametric rate) is assumed.
 */
export function fitLearningCurve(points: readonly { n: number; error: number }[]): LearningCurve {
  const usable = points.filter((point) => point.n > 0 && Number.isFinite(point.error) && point.error > 0);
  if (usable.length === 0)
    throw new RangeError("fitLearningCurve needs at least one point with n > 0 and error > 0");
  const distinct = new Set(usable.map((point) => point.n)).size;
  if (distinct < 2) {
    const mean = usable.reduce((sum, point) => sum + point.error * Math.sqrt(point.n), 0) / usable.length;
    return { a: mean, b: 0.5, c: 0, points: usable.length };
  }
  const floor = Math.min(...usable.map((point) => point.error));
  let best: LearningCurve & { loss: number } = {
    a: 0,
    b: 0,
    c: 0,
    points: usable.length,
    loss: Number.POSITIVE_INFINITY,
  };
  for (let step = 0; step < 25; step++) {
    const c = (floor * 0.98 * step) / 24;
    const xs = usable.map((point) => Math.log(point.n));
    const ys = usable.map((point) => Math.log(point.error - c));
    const meanX = xs.reduce((sum, value) => sum + value, 0) / xs.length;
    const meanY = ys.reduce((sum, value) => sum + value, 0) / ys.length;
    let covariance = 0;
    let variance = 0;
    xs.forEach((x, at) => {
      covariance += (x - meanX) * ((ys[at] as number) - meanY);
      variance += (x - meanX) ** 2;
    });
    // A curve that rises with n is noise: no learning, so b = 0 (flat).
    const b = variance > 0 ? Math.max(0, -covariance / variance) : 0;
    const a = Math.exp(meanY + b * meanX);
    const curve = { a, b, c, points: usable.length };
    const loss = usable.reduce((sum, point) => sum + (predictError(curve, point.n) - point.error) ** 2, 0);
    if (loss < best.loss) best = { ...curve, loss };
  }
  const { loss: _loss, ...curve } = best;
  return curve;
}
