/** What every lab experiment writes to `results.json` (the shape in docs/lab.md). */

export interface CurvePoint {
  /** KL(π ‖ π_base) in nats. */
  kl: number;
  /** The optimized (proxy) reward, recentered at the base policy. */
  proxy: number;
  /** The gold (true) reward, recentered at the base policy. */
  gold: number;
  /** Best-of-n's n, or the training step, when the curve has one. */
  n?: number;
  step?: number;
}

export interface Curve {
  method: string;
  optimizer: string;
  points: CurvePoint[];
}

/**
 * A point of a curve whose x-axis is not a KL budget (labels bought, data budget, training step,
 * perturbation size): `x` and `y` as the curve names them, plus any further numbers.
 */
export interface MeasuredPoint {
  x: number;
  y: number;
  [extra: string]: number;
}

/** A curve of an experiment where a KL to a base policy does not exist (what `x` and `y` measure is named). */
export interface MeasuredCurve {
  method: string;
  /** What `x` measures, e.g. "labels" or "training step". */
  x: string;
  /** What `y` measures, e.g. "held-out accuracy". */
  y: string;
  points: MeasuredPoint[];
}

export interface Claim {
  /** The paper's claim as this experiment tests it. */
  claim: string;
  /** Computed from the run: a comparison of the evidence's numbers with its threshold. */
  holds: boolean;
  evidence: Record<string, number>;
}

/** `results.json`: KL curves (`Curve`) by default; experiments without a KL axis use `MeasuredCurve`. */
export interface LabResults<CurveShape extends Curve | MeasuredCurve = Curve> {
  experiment: string;
  seed: number;
  curves: CurveShape[];
  claims: Claim[];
  /** The options the run used (after defaults). */
  settings: Record<string, unknown>;
  /** Experiment-specific series (fits, pass@N, multipliers...). */
  [series: string]: unknown;
}

/** A claim whose truth is computed by the caller from `evidence`; numbers are rounded for reading. */
export function claim(text: string, holds: boolean, evidence: Record<string, number>): Claim {
  return { claim: text, holds, evidence: roundValues(evidence) };
}

/** Rounds every number in a JSON-like value to 6 significant digits (results stay readable and stable). */
export function roundValues<T>(value: T): T {
  if (typeof value === "number") return (Number.isFinite(value) ? Number(value.toPrecision(6)) : value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => roundValues(item)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, roundValues(item)])) as T;
  }
  return value;
}

/** The point with the highest gold reward. */
export function goldPeak(points: readonly CurvePoint[]): CurvePoint {
  return points.reduce((best, point) => (point.gold > best.gold ? point : best));
}

export function lastPoint(points: readonly CurvePoint[]): CurvePoint {
  const last = points[points.length - 1];
  if (!last) throw new RangeError("a curve without points");
  return last;
}

/**
 * The mean of `key` over the last `fraction` of the points (at least one): what a run "ends with" when
 * it oscillates (Lagrangian methods do).
 */
export function tailMean(
  points: readonly CurvePoint[],
  key: "kl" | "proxy" | "gold",
  fraction = 0.25,
): number {
  const count = Math.max(1, Math.round(points.length * fraction));
  const tail = points.slice(points.length - count);
  return tail.reduce((total, point) => total + point[key], 0) / tail.length;
}
