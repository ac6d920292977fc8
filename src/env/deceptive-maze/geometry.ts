/** An axis-aligned wall: [left, bottom, right, top]. */
export type Wall = readonly [number, number, number, number];

/** The arena [0, size]², its walls, and a round robot of `radius`. */
export interface Arena {
  readonly size: number;
  readonly walls: readonly Wall[];
  readonly radius: number;
}

/** Whether a robot centred at (x, y) overlaps a wall or leaves the arena. */
export function collides(arena: Arena, x: number, y: number): boolean {
  const { radius, size } = arena;
  if (x < radius || y < radius || x > size - radius || y > size - radius) return true;
  for (const [left, bottom, right, top] of arena.walls) {
    if (x > left - radius && x < right + radius && y > bottom - radius && y < top + radius) return true;
  }
  return false;
}

/**
 * Moves the robot by (dx, dy): the whole move if free; else as far along it as is free (to within
 * 1/1024 of the move, by bisection), then the rest along whichever axis is free (sliding along the
 * wall). Writes the new position into `out`; returns whether the robot hit something.
 */
export function move(
  arena: Arena,
  position: { x: number; y: number },
  delta: { dx: number; dy: number },
  out: { x: number; y: number },
): boolean {
  const { x, y } = position;
  const { dx, dy } = delta;
  if (!collides(arena, x + dx, y + dy)) {
    out.x = x + dx;
    out.y = y + dy;
    return false;
  }
  let free = 0;
  let blocked = 1;
  for (let iteration = 0; iteration < 10; iteration++) {
    const middle = (free + blocked) / 2;
    if (collides(arena, x + middle * dx, y + middle * dy)) blocked = middle;
    else free = middle;
  }
  let nextX = x + free * dx;
  let nextY = y + free * dy;
  const restX = (1 - free) * dx;
  const restY = (1 - free) * dy;
  if (restX !== 0 && !collides(arena, nextX + restX, nextY)) nextX += restX;
  if (restY !== 0 && !collides(arena, nextX, nextY + restY)) nextY += restY;
  out.x = nextX;
  out.y = nextY;
  return true;
}

/**
 * The distance from (x, y) along the unit direction (dx, dy) to the first wall or the arena's edge,
 * capped at `range` (a rangefinder, as the robot of Lehman & Stanley's maze has; slab test per wall).
 */
export function rayDistance(
  arena: Arena,
  ray: { x: number; y: number; dx: number; dy: number },
  range: number,
): number {
  const { x, y, dx, dy } = ray;
  let nearest = range;
  for (const [left, bottom, right, top] of arena.walls) {
    const [enterX, exitX] = slab(x, dx, left, right);
    const [enterY, exitY] = slab(y, dy, bottom, top);
    const enter = Math.max(0, enterX, enterY);
    const exit = Math.min(nearest, exitX, exitY);
    if (enter <= exit && enter < nearest) nearest = enter;
  }
  // The arena's edges.
  if (dx > 1e-12) nearest = Math.min(nearest, (arena.size - x) / dx);
  if (dx < -1e-12) nearest = Math.min(nearest, -x / dx);
  if (dy > 1e-12) nearest = Math.min(nearest, (arena.size - y) / dy);
  if (dy < -1e-12) nearest = Math.min(nearest, -y / dy);
  return nearest;
}

const never = [Number.POSITIVE_INFINITY, Number.NEGATIVE_INFINITY] as const;
const always = [Number.NEGATIVE_INFINITY, Number.POSITIVE_INFINITY] as const;

/** Where a ray enters and leaves the slab low ≤ origin + t·direction ≤ high. */
function slab(origin: number, direction: number, low: number, high: number): readonly [number, number] {
  if (Math.abs(direction) < 1e-12) return origin < low || origin > high ? never : always;
  const near = (low - origin) / direction;
  const far = (high - origin) / direction;
  return near < far ? [near, far] : [far, near];
}
