import { type RealSet, searchGrid } from "./real-set.js";

/** Where membership changes between two grid points: found by bisection. */
function boundary(member: (x: number) => boolean, low: number, high: number): number {
  let a = low;
  let b = high;
  const inside = member(a);
  for (let step = 0; step < 80 && b - a > 1e-13 * Math.max(1, Math.abs(a)); step++) {
    const middle = (a + b) / 2;
    if (member(middle) === inside) a = middle;
    else b = middle;
  }
  return (a + b) / 2;
}

/** The boundaries of a set: its known points and every membership change on the search grid. */
function boundaries(set: RealSet): number[] {
  const found = [...set.points];
  const member = set.strict ?? set.contains;
  let previous = member(searchGrid[0] as number);
  for (let index = 1; index < searchGrid.length; index++) {
    const current = member(searchGrid[index] as number);
    if (current !== previous)
      found.push(boundary(member, searchGrid[index - 1] as number, searchGrid[index] as number));
    previous = current;
  }
  return found;
}

/**
 * Whether two sets of reals are the same: membership agrees on the search grid, at every boundary
 * of either set, and just inside and outside each (so `[1, 2)` and `[1, 2]` differ at 2, and
 * `x < 3` and `(-∞, 3]` differ at 3). Returns a point where they differ, or undefined.
 */
export function differingPoint(gold: RealSet, predicted: RealSet): number | undefined {
  const points = [...boundaries(gold), ...boundaries(predicted)];
  const probes: number[] = [...searchGrid];
  for (const point of points) {
    // Well outside the 1e-9 tolerance of membership, well inside any real gap between boundaries.
    const delta = 1e-6 * Math.max(1, Math.abs(point));
    probes.push(point, point - delta, point + delta);
  }
  return probes.find((x) => gold.contains(x) !== predicted.contains(x));
}
