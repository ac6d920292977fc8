/** A point mass's state on the unit square: position and velocity. */
export interface PointMassState {
  readonly x: number;
  readonly y: number;
  readonly vx: number;
  readonly vy: number;
}

export interface PointMassPhysics {
  /** Velocity kept from one step to the next (1 − friction). */
  damping: number;
  /** Velocity added by a thrust action. */
  thrust: number;
  /** Each velocity component is clipped to ±maxSpeed. */
  maxSpeed: number;
}

/** The five actions: coast, then thrust west, east, south, north. */
export const pointMassActions = ["coast", "west", "east", "south", "north"] as const;

const pushes: readonly (readonly [number, number])[] = [
  [0, 0],
  [-1, 0],
  [1, 0],
  [0, -1],
  [0, 1],
];

/**
 * One step of the point mass, noise-free: v′ = clip(damping·v + thrust·u(a), ±maxSpeed),
 * p′ = p + v′; a wall of the unit square stops the mass (p′ clamped, that component of v′ zeroed).
 * Pure, so learned dynamics models can be checked against it.
 */
export function pointMassStep(
  state: PointMassState,
  action: number,
  physics: PointMassPhysics,
  noise: readonly [number, number] = [0, 0],
): PointMassState {
  const push = pushes[action];
  if (!push) throw new RangeError(`point-mass: expected an action 0..4, received ${action}`);
  const clip = (value: number) => Math.max(-physics.maxSpeed, Math.min(physics.maxSpeed, value));
  let vx = clip(physics.damping * state.vx + physics.thrust * push[0] + noise[0]);
  let vy = clip(physics.damping * state.vy + physics.thrust * push[1] + noise[1]);
  let x = state.x + vx;
  let y = state.y + vy;
  if (x < 0 || x > 1) {
    x = Math.max(0, Math.min(1, x));
    vx = 0;
  }
  if (y < 0 || y > 1) {
    y = Math.max(0, Math.min(1, y));
    vy = 0;
  }
  return { x, y, vx, vy };
}
