import type { Curve, MeasuredCurve } from "../results.js";
import type { SweepRun } from "./sweep-claims.js";

/** One x-position of a curve across seeds: the mean and the min–max band of y. */
export interface BandPoint {
  /** The mean x over the seeds (the same x on every seed for steps and budgets). */
  x: number;
  mean: number;
  min: number;
  max: number;
}

/** A curve of one method and one quantity within one setting, summarised across seeds. */
export interface CurveBand {
  setting: number;
  method: string;
  /** What y is ("gold", "proxy", or a measured curve's `y`). */
  quantity: string;
  /** What x is ("step", "n", "KL", or a measured curve's `x`). */
  x: string;
  /** Seeds whose run had this curve. */
  seeds: number;
  points: BandPoint[];
}

interface Trace {
  method: string;
  quantity: string;
  x: string;
  points: { x: number; y: number }[];
}

/** A KL curve gives its gold and proxy rewards against its step (or n, or KL); a measured curve its y against x. */
function traces(curve: Curve | MeasuredCurve): Trace[] {
  if ("x" in curve) {
    const points = curve.points.map((point) => ({ x: point.x, y: point.y }));
    return [{ method: curve.method, quantity: curve.y, x: curve.x, points }];
  }
  const first = curve.points[0];
  const axis = first?.step !== undefined ? "step" : first?.n !== undefined ? "n" : "KL";
  const xOf = (point: Curve["points"][number]) =>
    axis === "step" ? (point.step as number) : axis === "n" ? (point.n as number) : point.kl;
  return (["gold", "proxy"] as const).map((quantity) => ({
    method: curve.method,
    quantity,
    x: axis,
    points: curve.points.map((point) => ({ x: xOf(point), y: point[quantity] })),
  }));
}

/**
 * Every curve of every setting across its seeds: at each point index, the mean, min and max of y
 * (and the mean x). Curves are matched by method, quantity and axis within a setting; where seeds'
 * curves differ in length, the band covers the points all of them have.
 */
export function curveBands(runs: readonly SweepRun[]): CurveBand[] {
  const groups = new Map<string, { setting: number; trace: Trace; seeds: Trace[] }>();
  const ordered = [...runs].sort((a, b) => a.setting - b.setting || a.seed - b.seed);
  for (const run of ordered) {
    const seen = new Map<string, number>();
    for (const trace of run.results.curves.flatMap(traces)) {
      const name = `${trace.method}\u0000${trace.quantity}\u0000${trace.x}`;
      const repeat = seen.get(name) ?? 0;
      seen.set(name, repeat + 1);
      const key = `${run.setting}\u0000${name}\u0000${repeat}`;
      const group = groups.get(key) ?? { setting: run.setting, trace, seeds: [] };
      group.seeds.push(trace);
      groups.set(key, group);
    }
  }
  return [...groups.values()].map(({ setting, trace, seeds }) => {
    const length = Math.min(...seeds.map((item) => item.points.length));
    const points = Array.from({ length }, (_, index): BandPoint[] => {
      // Unknown values (null in results.json) are left out, never read as 0.
      const at = seeds
        .map((item) => item.points[index] as { x: number; y: number })
        .filter((point) => Number.isFinite(point.x) && Number.isFinite(point.y));
      if (at.length === 0) return [];
      const ys = at.map((point) => point.y);
      return [
        {
          x: at.reduce((total, point) => total + point.x, 0) / at.length,
          mean: ys.reduce((total, value) => total + value, 0) / ys.length,
          min: Math.min(...ys),
          max: Math.max(...ys),
        },
      ];
    }).flat();
    return {
      setting,
      method: trace.method,
      quantity: trace.quantity,
      x: trace.x,
      seeds: seeds.length,
      points,
    };
  });
}
