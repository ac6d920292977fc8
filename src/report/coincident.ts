export type PixelPoint = readonly [number, number];

/**
 * True when at least `share` of a line's points lie within `pixels` of another polyline: drawn on top,
 * it would hide that line (two methods with the same curve, a fit on its data).
 */
export function coversLine(
  line: readonly PixelPoint[],
  under: readonly PixelPoint[],
  options: { pixels?: number; share?: number } = {},
): boolean {
  if (line.length === 0 || under.length === 0) return false;
  const pixels = options.pixels ?? 1.5;
  let near = 0;
  for (const point of line) if (distanceToPolyline(point, under) <= pixels) near++;
  return near / line.length >= (options.share ?? 0.5);
}

function distanceToPolyline(point: PixelPoint, polyline: readonly PixelPoint[]): number {
  const first = polyline[0] as PixelPoint;
  if (polyline.length === 1) return Math.hypot(point[0] - first[0], point[1] - first[1]);
  let best = Number.POSITIVE_INFINITY;
  for (let index = 1; index < polyline.length; index++) {
    const segment = [polyline[index - 1] as PixelPoint, polyline[index] as PixelPoint] as const;
    best = Math.min(best, distanceToSegment(point, segment[0], segment[1]));
  }
  return best;
}

function distanceToSegment(point: PixelPoint, start: PixelPoint, end: PixelPoint): number {
  const dx = end[0] - start[0];
  const dy = end[1] - start[1];
  const lengthSquared = dx * dx + dy * dy;
  const t =
    lengthSquared === 0
      ? 0
      : Math.max(0, Math.min(1, ((point[0] - start[0]) * dx + (point[1] - start[1]) * dy) / lengthSquared));
  return Math.hypot(point[0] - (start[0] + t * dx), point[1] - (start[1] + t * dy));
}
