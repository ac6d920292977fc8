import type { PointMassPhysics, PointMassState } from "../../env/point-mass/index.js";
import { pointMassStep } from "../../env/point-mass/index.js";
import type { Discriminator } from "../../models/discriminator/index.js";
import type { LabRandom } from "../random.js";
import type { DynamicsEnsemble } from "./dynamics-ensemble.js";
import { dynamicsRewardInputs, dynamicsRewardRow } from "./dynamics-reward.js";

/** How a planner steps its imagined rollouts. */
export type ModelKind =
  | { kind: "true" }
  | { kind: "ensemble"; ensemble: DynamicsEnsemble; samples: number }
  | { kind: "filtered"; ensemble: DynamicsEnsemble; samples: number; reward: Discriminator };

/**
 * One imagined step for a batch: the true dynamics; a random member's sample (MOPO-style unfiltered
 * model rollouts); or MOREC's transition filter — every member draws `samples` candidates and the one
 * with the highest dynamics reward is kept.
 */
export function modelStep(input: {
  model: ModelKind;
  states: readonly PointMassState[];
  actions: readonly number[];
  physics: PointMassPhysics;
  random: LabRandom;
}): PointMassState[] {
  const { model, states, actions, physics, random } = input;
  if (model.kind === "true")
    return states.map((state, row) => pointMassStep(state, actions[row] as number, physics));
  const perState = model.ensemble.members.length * model.samples;
  const candidates = model.ensemble.candidates(states, actions, model.samples, random);
  if (model.kind === "ensemble")
    return states.map((_, row) => candidates[row * perState + random.int(perState)] as PointMassState);
  const rows = new Float64Array(candidates.length * dynamicsRewardInputs);
  candidates.forEach((next, index) => {
    const row = Math.floor(index / perState);
    dynamicsRewardRow({
      state: states[row] as PointMassState,
      action: actions[row] as number,
      next: next,
      physics: physics,
      out: rows,
      at: index * dynamicsRewardInputs,
    });
  });
  const scores = model.reward.logits(rows, candidates.length);
  return states.map((_, row) => {
    let best = row * perState;
    for (let index = best + 1; index < (row + 1) * perState; index++)
      if ((scores[index] as number) > (scores[best] as number)) best = index;
    return candidates[best] as PointMassState;
  });
}

/**
 * Random-shooting model-predictive control in a model: `plans` random action sequences of `horizon`
 * steps are imagined from the state, scored by the known reward −distance to the goal, and the best
 * sequence's first action is played.
 */
export function plannedAction(input: {
  model: ModelKind;
  state: PointMassState;
  goal: readonly [number, number];
  physics: PointMassPhysics;
  plans: number;
  horizon: number;
  random: LabRandom;
}): number {
  const { plans, horizon, random, goal } = input;
  const sequences = Array.from({ length: plans }, () => Array.from({ length: horizon }, () => random.int(5)));
  let states: PointMassState[] = Array.from({ length: plans }, () => input.state);
  const scores = new Float64Array(plans);
  for (let step = 0; step < horizon; step++) {
    states = modelStep({
      model: input.model,
      states,
      actions: sequences.map((sequence) => sequence[step] as number),
      physics: input.physics,
      random,
    });
    states.forEach((state, plan) => {
      scores[plan] = (scores[plan] as number) - Math.hypot(state.x - goal[0], state.y - goal[1]);
    });
  }
  let best = 0;
  for (let plan = 1; plan < plans; plan++)
    if ((scores[plan] as number) > (scores[best] as number)) best = plan;
  return (sequences[best] as number[])[0] as number;
}
