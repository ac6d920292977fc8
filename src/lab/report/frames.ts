/**
 * An environment's SVG frame in a report: marked as a chart (so the page scales it with the plots)
 * and captioned.
 */
export function environmentFrame(svg: string, caption: string): string {
  const scaled = svg.replace(/^<svg /, '<svg class="chart" ');
  return `<figure>${scaled}<figcaption class="muted">${caption
    .replaceAll("&", "&amp;")
    .replaceAll("<", "&lt;")}</figcaption></figure>`;
}

/** The mean of each run of `window` values ending at each index (a moving average from the start). */
export function movingAverage(values: readonly number[], window: number): number[] {
  const out: number[] = [];
  let sum = 0;
  for (let index = 0; index < values.length; index++) {
    sum += values[index] as number;
    if (index >= window) sum -= values[index - window] as number;
    out.push(sum / Math.min(index + 1, window));
  }
  return out;
}

/** Every `stride`-th point of a series as chart points (x from 1), plus the last. */
export function thinned(values: readonly number[], stride: number): { x: number; y: number }[] {
  const points: { x: number; y: number }[] = [];
  for (let index = stride - 1; index < values.length; index += stride)
    points.push({ x: index + 1, y: values[index] as number });
  if (values.length % stride !== 0 && values.length > 0)
    points.push({ x: values.length, y: values.at(-1) as number });
  return points;
}
