import type { Info } from "./environment.js";

/** One step of an episode as it was lived: what was seen, what was done, what came back. */
export interface TrajectoryStep<Observation = unknown, Action = number> {
  observation: Observation;
  action: Action;
  reward: number;
  terminated: boolean;
  truncated: boolean;
  info: Info;
}

/** An episode: its steps in order and the observation the last step led to. */
export interface Trajectory<Observation = unknown, Action = number> {
  environment: string;
  seed?: number;
  steps: TrajectoryStep<Observation, Action>[];
  finalObservation: Observation;
}

/** The undiscounted (γ = 1) or discounted return of a trajectory. */
export function trajectoryReturn(trajectory: { steps: readonly { reward: number }[] }, gamma = 1): number {
  let total = 0;
  let discount = 1;
  for (const step of trajectory.steps) {
    total += discount * step.reward;
    discount *= gamma;
  }
  return total;
}
