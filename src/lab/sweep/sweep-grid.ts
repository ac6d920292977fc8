import { RewardkitError } from "../../core/index.js";

/** One option swept over several values (`--option name=v1,v2`). */
export interface SweepAxis {
  name: string;
  values: readonly unknown[];
}

/** One run of a sweep: an experiment at one seed and one setting of the swept options. */
export interface SweepTask {
  experiment: string;
  seed: number;
  /** Index into the sweep's settings (0-based). */
  setting: number;
  /** The option overrides of this setting (on top of the defaults, or of `quick`). */
  options: Record<string, unknown>;
  quick: boolean;
}

/**
 * Seeds from "1-20", "3", "1,4,9" or "1-3,10" (ascending, without repeats); an empty or malformed
 * text is a BAD_REQUEST naming `--seeds`.
 */
export function parseSeeds(text: string): number[] {
  const seeds = new Set<number>();
  for (const part of text.split(",")) {
    const match = /^\s*(-?\d+)\s*(?:-\s*(-?\d+)\s*)?$/.exec(part);
    const first = match ? Number(match[1]) : Number.NaN;
    const last = match?.[2] !== undefined ? Number(match[2]) : first;
    if (!Number.isSafeInteger(first) || !Number.isSafeInteger(last) || last < first) {
      throw new RewardkitError(
        "BAD_REQUEST",
        `--seeds ${text}: expected integers and ranges such as 1-20 or 1,4,9 (got "${part.trim()}")`,
        { path: "--seeds" },
      );
    }
    if (last - first >= 100_000) {
      throw new RewardkitError("BAD_REQUEST", `--seeds ${text}: more than 100000 seeds`, { path: "--seeds" });
    }
    for (let seed = first; seed <= last; seed++) seeds.add(seed);
  }
  return [...seeds].sort((a, b) => a - b);
}

/**
 * Splits an option's value text at commas outside brackets, braces and quotes: `0.1,1` is two
 * values, `[1, 2],[3, 4]` two lists, `'a,b'` one word.
 */
export function splitValues(text: string): string[] {
  const values: string[] = [];
  let depth = 0;
  let quote: string | undefined;
  let start = 0;
  for (let at = 0; at < text.length; at++) {
    const char = text[at] as string;
    if (quote) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === "[" || char === "{") depth++;
    else if (char === "]" || char === "}") depth--;
    else if (char === "," && depth === 0) {
      values.push(text.slice(start, at));
      start = at + 1;
    }
  }
  values.push(text.slice(start));
  return values;
}

/** Every combination of the axes' values (the first axis varies slowest); one empty setting without axes. */
export function sweepSettings(axes: readonly SweepAxis[]): Record<string, unknown>[] {
  let settings: Record<string, unknown>[] = [{}];
  for (const axis of axes) {
    settings = settings.flatMap((setting) =>
      axis.values.map((value) => ({ ...setting, [axis.name]: value })),
    );
  }
  return settings;
}

/** The runs of a sweep, setting by setting and seed by seed (the order results are reported in). */
export function sweepTasks(options: {
  experiment: string;
  seeds: readonly number[];
  settings: readonly Record<string, unknown>[];
  quick: boolean;
}): SweepTask[] {
  return options.settings.flatMap((setting, index) =>
    options.seeds.map((seed) => ({
      experiment: options.experiment,
      seed,
      setting: index,
      options: setting,
      quick: options.quick,
    })),
  );
}

/** A setting as a short label for tables and folder listings: `steps=60 correlation=0.5` ("defaults" when empty). */
export function settingLabel(setting: Record<string, unknown>): string {
  const entries = Object.entries(setting);
  if (entries.length === 0) return "defaults";
  return entries.map(([name, value]) => `${name}=${JSON.stringify(value)}`).join(" ");
}
