import type { LabRandom } from "../random.js";

/**
 * A 2-D generative world for preference alignment of diffusion / flow models: the target is a
 * mixture of four Gaussian modes at (±r, ±r); the right-hand modes are the "preferred" ones. A
 * preference rule compares two samples by their x coordinate (D3PO's "relative scale of an
 * objective" as the human), which keeps preferring further right even past the modes — so it can
 * be hacked by samples that leave the data.
 */
export interface ModeWorld {
  centers: readonly (readonly [number, number])[];
  spread: number;
  preferred: readonly boolean[];
}

export function createModeWorld(options: { radius: number; spread: number }): ModeWorld {
  const r = options.radius;
  const centers = [
    [-r, -r],
    [-r, r],
    [r, -r],
    [r, r],
  ] as const;
  return { centers, spread: options.spread, preferred: centers.map(([x]) => x > 0) };
}

/** `count` draws from the target mixture (flat x/y pairs). */
export function sampleModes(
  world: ModeWorld,
  count: number,
  random: { int(n: number): number; normal(): number },
): Float64Array {
  const out = new Float64Array(2 * count);
  for (let row = 0; row < count; row++) {
    const [x, y] = world.centers[random.int(world.centers.length)] as readonly [number, number];
    out[2 * row] = x + world.spread * random.normal();
    out[2 * row + 1] = y + world.spread * random.normal();
  }
  return out;
}

/** The preference rule's score of a point: larger x is preferred. */
export function ruleScore(points: ArrayLike<number>, row: number): number {
  return points[2 * row] as number;
}

/** +1 when row a is preferred to row b by the rule, −1 when b is, 0 on a tie. */
export function rulePreference(points: ArrayLike<number>, a: number, b: number): number {
  return Math.sign(ruleScore(points, a) - ruleScore(points, b));
}

export interface ModeMetrics {
  /** Share of samples within 3σ of a preferred mode: the "gold" the rule stands for. */
  preferredOnMode: number;
  /** Share of samples within 3σ of no mode: off the data, where the rule is hacked. */
  offManifold: number;
  /** Mean rule score (x). */
  ruleMean: number;
  /** Share of samples right of every mode (x beyond the right modes + 3σ): where the rule is hacked. */
  beyond: number;
}

export function modeMetrics(world: ModeWorld, points: ArrayLike<number>): ModeMetrics {
  const rows = points.length / 2;
  let preferred = 0;
  let off = 0;
  let rule = 0;
  let beyond = 0;
  const edge = Math.max(...world.centers.map(([cx]) => cx)) + 3 * world.spread;
  for (let row = 0; row < rows; row++) {
    const x = points[2 * row] as number;
    const y = points[2 * row + 1] as number;
    rule += x;
    if (x > edge) beyond++;
    let nearest = -1;
    let best = Number.POSITIVE_INFINITY;
    world.centers.forEach(([cx, cy], index) => {
      const distance = Math.hypot(x - cx, y - cy);
      if (distance < best) {
        best = distance;
        nearest = index;
      }
    });
    if (best > 3 * world.spread) off++;
    else if (world.preferred[nearest]) preferred++;
  }
  return {
    preferredOnMode: preferred / rows,
    offManifold: off / rows,
    ruleMean: rule / rows,
    beyond: beyond / rows,
  };
}

/** A seeded source shaped like the models room's `Random`, for its trainers and samplers. */
export function modelRandom(random: LabRandom): { next(): number; int(n: number): number; normal(): number } {
  return { next: random.next, int: random.int, normal: random.normal };
}
