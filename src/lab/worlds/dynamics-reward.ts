import type { PointMassPhysics, PointMassState } from "../../env/point-mass/index.js";
import { Discriminator } from "../../models/discriminator/index.js";
import type { LabRandom } from "../random.js";
import { type DynamicsEnsemble, type Transition, transitionDelta } from "./dynamics-ensemble.js";

/** The dynamics reward's input: velocity over max speed, the action one-hot and the change Δ (11 numbers). */
export const dynamicsRewardInputs = 11;

export function dynamicsRewardRow(input: {
  state: PointMassState;
  action: number;
  next: PointMassState;
  physics: PointMassPhysics;
  out: Float64Array;
  at: number;
}): void {
  const { state, action, next, physics, out, at } = input;
  out[at] = state.vx / physics.maxSpeed;
  out[at + 1] = state.vy / physics.maxSpeed;
  for (let index = 0; index < 5; index++) out[at + 2 + index] = index === action ? 1 : 0;
  out.set(transitionDelta(state, next, physics), at + 7);
}

/**
 * MOREC's dynamics reward (Luo et al. 2024), reconstructed at small scale: a discriminator that scores
 * how consistent a transition is with the offline data — trained on the data's transitions (1) against
 * the ensemble's own samples and noise-perturbed copies of the data's transitions (0). It reads the
 * velocity, the action and the change, not the absolute position: the part of a transition that is
 * consistent across the state space, which the paper argues is what lets the dynamics reward
 * generalize beyond the data where the model does not.
 */
export function trainDynamicsReward(input: {
  data: readonly Transition[];
  ensemble: DynamicsEnsemble;
  physics: PointMassPhysics;
  steps: number;
  batch: number;
  random: LabRandom;
  seed: number;
}): Discriminator {
  const { data, ensemble, physics, batch, random } = input;
  const discriminator = new Discriminator({
    inputs: dynamicsRewardInputs,
    hidden: [32, 32],
    learningRate: 3e-3,
    penalty: null,
    seed: input.seed,
  });
  const expert = new Float64Array(batch * dynamicsRewardInputs);
  const generated = new Float64Array(batch * dynamicsRewardInputs);
  for (let step = 0; step < input.steps; step++) {
    const picked = Array.from({ length: batch }, () => data[random.int(data.length)] as Transition);
    const modelled = ensemble.candidates(
      picked.map((transition) => transition.state),
      picked.map((transition) => transition.action),
      1,
      random,
    );
    picked.forEach((transition, row) => {
      dynamicsRewardRow({
        state: transition.state,
        action: transition.action,
        next: transition.next,
        physics: physics,
        out: expert,
        at: row * dynamicsRewardInputs,
      });
      // Half the negatives: a member's sample; half: the real change plus noise of a random size.
      if (row % 2 === 0) {
        const member = random.int(ensemble.members.length);
        const next = modelled[row * ensemble.members.length + member] as PointMassState;
        dynamicsRewardRow({
          state: transition.state,
          action: transition.action,
          next: next,
          physics: physics,
          out: generated,
          at: row * dynamicsRewardInputs,
        });
      } else {
        dynamicsRewardRow({
          state: transition.state,
          action: transition.action,
          next: transition.next,
          physics: physics,
          out: generated,
          at: row * dynamicsRewardInputs,
        });
        const size = 0.05 + 0.5 * random.next();
        for (let column = 7; column < dynamicsRewardInputs; column++)
          generated[row * dynamicsRewardInputs + column] =
            (generated[row * dynamicsRewardInputs + column] as number) + size * random.normal();
      }
    });
    discriminator.update({ expert, policy: generated, rows: batch });
  }
  return discriminator;
}
