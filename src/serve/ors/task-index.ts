import { RewardkitError } from "../../core/index.js";

/**
 * A task index as the reference server reads it (Python list indexing): negative counts from the
 * end; out of range is a 400 naming the range.
 */
export function taskIndex(index: number, count: number, split: string): number {
  const resolved = index < 0 ? index + count : index;
  if (resolved < 0 || resolved >= count) {
    throw new RewardkitError(
      "BAD_REQUEST",
      `Invalid index: split ${split} has ${count} tasks (0 to ${count - 1}, or -${count} to -1), got ${index}`,
      { path: "index" },
    );
  }
  return resolved;
}

/** `[start, stop)` as a Python slice of `count` items (negative from the end, clamped, default whole). */
export function taskSlice(count: number, start?: number | null, stop?: number | null): [number, number] {
  const clamp = (value: number) => Math.min(Math.max(value < 0 ? value + count : value, 0), count);
  const from = clamp(start ?? 0);
  const to = clamp(stop ?? count);
  return [from, Math.max(from, to)];
}
