import { lineChart } from "../../report/index.js";
import type { MeasuredCurve } from "../results.js";

/** Measured curves (one series per method) as a line chart with their own axis names. */
export function measuredChart(input: {
  title: string;
  curves: readonly MeasuredCurve[];
  xLabel?: string;
  yLabel?: string;
  dashed?: (curve: MeasuredCurve) => boolean;
}): string {
  const first = input.curves[0];
  return lineChart({
    title: input.title,
    xLabel: input.xLabel ?? first?.x ?? "x",
    yLabel: input.yLabel ?? first?.y ?? "y",
    series: input.curves.map((curve) => ({
      name: curve.method,
      points: curve.points.map((point) => ({ x: point.x, y: point.y })),
      ...(input.dashed?.(curve) ? { dashed: true } : {}),
    })),
  });
}
