import { type PointMassPhysics, type PointMassState, pointMassStep } from "../../env/point-mass/index.js";
import { DenseMlp } from "../../models/mlp/dense-mlp.js";
import { seededRandom } from "../../models/random.js";
import { tensorAdam } from "../../models/train/dense-adam.js";
import type { LabRandom } from "../random.js";

/** One recorded transition of the point mass. */
export interface Transition {
  state: PointMassState;
  action: number;
  next: PointMassState;
}

/** The model's input: position, velocity over max speed, the action one-hot (9 numbers). */
export function modelInput(input: {
  state: PointMassState;
  action: number;
  physics: PointMassPhysics;
  out: Float64Array;
  at: number;
}): void {
  const { state, action, physics, out, at } = input;
  out[at] = state.x;
  out[at + 1] = state.y;
  out[at + 2] = state.vx / physics.maxSpeed;
  out[at + 3] = state.vy / physics.maxSpeed;
  for (let index = 0; index < 5; index++) out[at + 4 + index] = index === action ? 1 : 0;
}

/** The change of a transition in max-speed units: Δx, Δy, Δvx, Δvy. */
export function transitionDelta(
  state: PointMassState,
  next: PointMassState,
  physics: PointMassPhysics,
): number[] {
  const m = physics.maxSpeed;
  return [(next.x - state.x) / m, (next.y - state.y) / m, (next.vx - state.vx) / m, (next.vy - state.vy) / m];
}

export function applyDelta(
  state: PointMassState,
  delta: ArrayLike<number>,
  physics: PointMassPhysics,
): PointMassState {
  const m = physics.maxSpeed;
  const clampUnit = (value: number) => Math.max(0, Math.min(1, value));
  return {
    x: clampUnit(state.x + (delta[0] as number) * m),
    y: clampUnit(state.y + (delta[1] as number) * m),
    vx: Math.max(-m, Math.min(m, state.vx + (delta[2] as number) * m)),
    vy: Math.max(-m, Math.min(m, state.vy + (delta[3] as number) * m)),
  };
}

/**
 * Offline data: a uniformly random behaviour policy started in the lower-left square [0, region]² and
 * kept there (a transition leaving it ends the episode), so the rest of the square is never seen.
 */
export function offlineTransitions(input: {
  physics: PointMassPhysics;
  count: number;
  region: number;
  random: LabRandom;
}): Transition[] {
  const { physics, region, random } = input;
  const data: Transition[] = [];
  while (data.length < input.count) {
    let state: PointMassState = { x: random.next() * region, y: random.next() * region, vx: 0, vy: 0 };
    for (let step = 0; step < 30 && data.length < input.count; step++) {
      const action = random.int(5);
      const next = pointMassStep(state, action, physics);
      if (next.x > region || next.y > region) break;
      data.push({ state, action, next });
      state = next;
    }
  }
  return data;
}

/**
 * An ensemble of MLP dynamics models (as MOPO/MOREC's base models), each fit by Adam on the squared
 * error of the change Δ on its own bootstrap of the data; `residual` is each member's training RMS
 * error per output, the scale of the noise its samples carry.
 */
export class DynamicsEnsemble {
  readonly members: DenseMlp[];
  readonly residual: number[][];
  constructor(
    readonly physics: PointMassPhysics,
    members: number,
    seed: number,
  ) {
    this.members = Array.from(
      { length: members },
      (_, index) =>
        new DenseMlp({ sizes: [9, 32, 32, 4], activation: "tanh", random: seededRandom(seed + index) }),
    );
    this.residual = this.members.map(() => [0, 0, 0, 0]);
  }

  fit(data: readonly Transition[], options: { steps: number; batch: number; random: LabRandom }): void {
    const { batch, random } = options;
    this.members.forEach((member, index) => {
      const bootstrap = Array.from(
        { length: data.length },
        () => data[random.int(data.length)] as Transition,
      );
      const optimizer = tensorAdam(member.parameters, { learningRate: 3e-3 });
      const input = new Float64Array(batch * 9);
      const target = new Float64Array(batch * 4);
      for (let step = 0; step < options.steps; step++) {
        for (let row = 0; row < batch; row++) {
          const transition = bootstrap[random.int(bootstrap.length)] as Transition;
          modelInput({ ...transition, physics: this.physics, out: input, at: row * 9 });
          target.set(transitionDelta(transition.state, transition.next, this.physics), row * 4);
        }
        const pass = member.forwardPass(input, batch);
        const output = pass.activations.at(-1) as Float64Array;
        member.backward(
          pass,
          output.map((value, at) => (2 * (value - (target[at] as number))) / batch),
        );
        optimizer.step();
      }
      const squared = [0, 0, 0, 0];
      const all = new Float64Array(bootstrap.length * 9);
      bootstrap.forEach((transition, row) => {
        modelInput({ ...transition, physics: this.physics, out: all, at: row * 9 });
      });
      const predicted = member.forward(all, bootstrap.length);
      bootstrap.forEach((transition, row) => {
        transitionDelta(transition.state, transition.next, this.physics).forEach((value, column) => {
          squared[column] =
            (squared[column] as number) + ((predicted[row * 4 + column] as number) - value) ** 2;
        });
      });
      this.residual[index] = squared.map((value) => Math.sqrt(value / bootstrap.length));
    });
  }

  /**
   * `samples` candidate next states per member for each of `states` (row-major: state, member,
   * sample), each the member's mean Δ plus Gaussian noise of its residual scale.
   */
  candidates(
    states: readonly PointMassState[],
    actions: readonly number[],
    samples: number,
    random: LabRandom,
  ): PointMassState[] {
    const input = new Float64Array(states.length * 9);
    states.forEach((state, row) => {
      modelInput({ state, action: actions[row] as number, physics: this.physics, out: input, at: row * 9 });
    });
    const means = this.members.map((member) => member.forward(input, states.length));
    const out: PointMassState[] = [];
    states.forEach((state, row) => {
      means.forEach((mean, member) => {
        const scale = this.residual[member] as number[];
        for (let sample = 0; sample < samples; sample++) {
          const delta = [0, 1, 2, 3].map(
            (column) => (mean[row * 4 + column] as number) + (scale[column] as number) * random.normal(),
          );
          out.push(applyDelta(state, delta, this.physics));
        }
      });
    });
    return out;
  }
}
