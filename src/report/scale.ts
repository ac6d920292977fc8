/** A linear map from a data domain onto a pixel range, with "nice" ticks for axes. */
export interface LinearScale {
  (value: number): number;
  readonly domain: readonly [number, number];
  ticks(count?: number): number[];
}

export function linearScale(
  domain: readonly [number, number],
  range: readonly [number, number],
): LinearScale {
  let [low, high] = domain;
  if (!Number.isFinite(low) || !Number.isFinite(high)) [low, high] = [0, 1];
  if (low === high) [low, high] = [low - 0.5, high + 0.5];
  const [start, end] = range;
  const scale = ((value: number) => start + ((value - low) / (high - low)) * (end - start)) as LinearScale;
  Object.defineProperty(scale, "domain", { value: [low, high] as const });
  Object.defineProperty(scale, "ticks", {
    value: (count = 5) => niceTicks(low, high, count),
  });
  return scale;
}

/** Round-number ticks (1, 2, 5 × 10^k steps) covering [low, high]. */
export function niceTicks(low: number, high: number, count: number): number[] {
  const span = high - low;
  if (!(span > 0)) return [low];
  const step = niceStep(span / Math.max(1, count));
  const ticks: number[] = [];
  for (let tick = Math.ceil(low / step) * step; tick <= high + step * 1e-9; tick += step) {
    ticks.push(Number(tick.toPrecision(12)));
  }
  return ticks;
}

/** The smallest 1, 2 or 5 × 10^k at least `rough` (a round tick or bin width). */
export function niceStep(rough: number): number {
  if (!(rough > 0) || !Number.isFinite(rough)) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  return [1, 2, 5, 10].map((factor) => factor * magnitude).find((candidate) => candidate >= rough) ?? rough;
}

/** The smallest and largest finite value, or [0, 1] when there are none. */
export function extent(values: Iterable<number>): [number, number] {
  let low = Number.POSITIVE_INFINITY;
  let high = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    if (!Number.isFinite(value)) continue;
    if (value < low) low = value;
    if (value > high) high = value;
  }
  return low <= high ? [low, high] : [0, 1];
}

export function formatTick(value: number): string {
  if (value === 0) return "0";
  const magnitude = Math.abs(value);
  if (magnitude >= 1e4 || magnitude < 1e-3) return value.toExponential(1);
  return String(Number(value.toPrecision(4)));
}
