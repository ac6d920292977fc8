import { type ButtonGrid, gridMoves } from "./button-grid.js";

/**
 * The flat learners of the `subgoal-marl` experiment, tabular on the joint state (both agents'
 * cells): independent Q-learners, each learning its own Q_i(s, a_i) from the team reward, and a
 * QMIX-style monotonic mixer (reconstructed, tabular): Q_tot(s, a) = Σ_i w_i(s)·Q_i(s, a_i) + b(s) with
 * w_i(s) = |u_i(s)| ≥ 0 (QMIX's hypernetwork weights, here one weight per state), trained end to end on
 * the TD error of Q_tot; monotonicity makes each agent's greedy action the joint greedy action.
 */
export interface FlatLearner {
  /** Each agent's action values in joint state `state`. */
  values(agent: number, state: number): number[];
  update(step: {
    state: number;
    actions: readonly number[];
    reward: number;
    next: number;
    done: boolean;
  }): void;
}

const moves = gridMoves.length;

export function independentLearners(input: {
  grid: ButtonGrid;
  learningRate: number;
  discount: number;
}): FlatLearner {
  const states = input.grid.width ** 4;
  const q = [new Float64Array(states * moves), new Float64Array(states * moves)];
  const row = (agent: number, state: number) =>
    Array.from((q[agent] as Float64Array).subarray(state * moves, (state + 1) * moves));
  return {
    values: row,
    update({ state, actions, reward, next, done }) {
      actions.forEach((action, agent) => {
        const table = q[agent] as Float64Array;
        const target = reward + (done ? 0 : input.discount * Math.max(...row(agent, next)));
        const index = state * moves + action;
        table[index] = (table[index] as number) + input.learningRate * (target - (table[index] as number));
      });
    },
  };
}

export function monotonicMixer(input: {
  grid: ButtonGrid;
  learningRate: number;
  mixerLearningRate: number;
  discount: number;
}): FlatLearner {
  const states = input.grid.width ** 4;
  const q = [new Float64Array(states * moves), new Float64Array(states * moves)];
  const hyper = [new Float64Array(states).fill(1), new Float64Array(states).fill(1)];
  const bias = new Float64Array(states);
  const row = (agent: number, state: number) =>
    Array.from((q[agent] as Float64Array).subarray(state * moves, (state + 1) * moves));
  const weight = (agent: number, state: number) => Math.abs((hyper[agent] as Float64Array)[state] as number);
  // max_a Q_tot(s', a) = Σ_i w_i(s')·max Q_i(s', ·) + b(s') because every w_i ≥ 0 (QMIX's monotonicity).
  const best = (state: number) =>
    [0, 1].reduce(
      (total, agent) => total + weight(agent, state) * Math.max(...row(agent, state)),
      bias[state] as number,
    );
  return {
    values: row,
    update({ state, actions, reward, next, done }) {
      const utilities = actions.map(
        (action, agent) => (q[agent] as Float64Array)[state * moves + action] as number,
      );
      const total = utilities.reduce(
        (sum, utility, agent) => sum + weight(agent, state) * utility,
        bias[state] as number,
      );
      const error = reward + (done ? 0 : input.discount * best(next)) - total;
      actions.forEach((action, agent) => {
        const table = q[agent] as Float64Array;
        const u = hyper[agent] as Float64Array;
        const sign = (u[state] as number) >= 0 ? 1 : -1;
        table[state * moves + action] =
          (table[state * moves + action] as number) + input.learningRate * error * weight(agent, state);
        u[state] =
          (u[state] as number) + input.mixerLearningRate * error * sign * (utilities[agent] as number);
      });
      bias[state] = (bias[state] as number) + input.learningRate * error;
    },
  };
}
