import type { PointMassPhysics, PointMassState } from "./point-mass-dynamics.js";

/**
 * A demonstrator for imitation: a proportional–derivative controller toward `goal` that thrusts
 * along the axis with the larger error (position error minus `lead` steps of velocity), and coasts
 * when both are within `deadband`. Returns an action of `pointMassActions`.
 */
export function pointMassExpertAction(input: {
  state: PointMassState;
  goal: readonly [number, number];
  physics: PointMassPhysics;
  /** How many steps of velocity to anticipate (default damping/(1 − damping), the coasting distance). */
  lead?: number;
  deadband?: number;
}): number {
  const { state, goal, physics } = input;
  const lead = input.lead ?? physics.damping / (1 - physics.damping);
  const deadband = input.deadband ?? physics.thrust;
  const errorX = goal[0] - (state.x + lead * state.vx);
  const errorY = goal[1] - (state.y + lead * state.vy);
  if (Math.abs(errorX) < deadband && Math.abs(errorY) < deadband) return 0;
  if (Math.abs(errorX) >= Math.abs(errorY)) return errorX < 0 ? 1 : 2;
  return errorY < 0 ? 3 : 4;
}
