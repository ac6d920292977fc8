import { type Binned, binValues } from "../report/index.js";
import type { InspectRow } from "./inspect-row.js";

/** One component's figures over the rows without an error (errored rows score `on_error`, not a judgment). */
export interface ComponentFigures {
  name: string;
  count: number;
  mean: number | null;
  /** Population standard deviation. */
  std: number | null;
  min: number | null;
  max: number | null;
  /** The histogram, binned as the static report bins (report/bins.ts). */
  histogram: Binned;
}

/** The names the page plots: `reward`, then each component in order of first appearance, then `advantage`. */
export function componentNames(rows: readonly InspectRow[]): string[] {
  const names = new Set<string>(["reward"]);
  let advantage = false;
  for (const row of rows) {
    for (const name of Object.keys(row.components)) names.add(name);
    if (row.advantage !== undefined) advantage = true;
  }
  names.delete("advantage");
  return advantage ? [...names, "advantage"] : [...names];
}

/** A row's value of a plotted name (`reward`, `advantage` or a component); undefined where absent. */
export function plottedValue(row: InspectRow, name: string): number | undefined {
  if (name === "reward") return row.reward ?? undefined;
  if (name === "advantage" && row.components.advantage === undefined) return row.advantage;
  return row.components[name];
}

export function componentFigures(rows: readonly InspectRow[], name: string): ComponentFigures {
  const values: number[] = [];
  for (const row of rows) {
    if (row.error) continue;
    const value = plottedValue(row, name);
    if (value !== undefined) values.push(value);
  }
  if (values.length === 0) {
    return { name, count: 0, mean: null, std: null, min: null, max: null, histogram: binValues([]) };
  }
  let sum = 0;
  let min = Number.POSITIVE_INFINITY;
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) {
    sum += value;
    if (value < min) min = value;
    if (value > max) max = value;
  }
  const mean = sum / values.length;
  let squares = 0;
  for (const value of values) squares += (value - mean) ** 2;
  return {
    name,
    count: values.length,
    mean,
    std: Math.sqrt(squares / values.length),
    min,
    max,
    histogram: binValues(values),
  };
}
