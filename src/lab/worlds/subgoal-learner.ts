import { type ButtonGrid, gridMoves, moveCell } from "./button-grid.js";

/**
 * The hierarchical learner of the `subgoal-marl` experiment (reconstructed from Subgoal-based HRL for
 * multi-agent collaboration; no public code used). A high level generates each agent's subgoal (a
 * cell) dynamically — at the start and again whenever both agents have reached theirs without the
 * team reward — from the joint state, with a QMIX-style monotonic mixer over per-agent subgoal
 * utilities: H_tot(s, g) = Σ_i |v_i(s)|·h_i(s, g_i) + c(s), trained on the team reward with SMDP
 * targets. The low level is one subgoal-conditioned Q-learner per agent on its own cell, rewarded +1
 * (intrinsic) for reaching its subgoal, updated for every subgoal at once (all-goals updating).
 */
export interface SubgoalLearner {
  cells: number;
  /** Per agent: h_i[s·cells + g]. */
  utilities: Float64Array[];
  weights: Float64Array[];
  bias: Float64Array;
  /** Per agent: Q_low[(cell·cells + goal)·moves + move]. */
  low: Float64Array[];
}

const moves = gridMoves.length;

export function createSubgoalLearner(grid: ButtonGrid): SubgoalLearner {
  const cells = grid.width * grid.width;
  const states = cells * cells;
  return {
    cells,
    utilities: [new Float64Array(states * cells), new Float64Array(states * cells)],
    weights: [new Float64Array(states).fill(1), new Float64Array(states).fill(1)],
    bias: new Float64Array(states),
    low: [new Float64Array(cells * cells * moves), new Float64Array(cells * cells * moves)],
  };
}

/** Agent `agent`'s subgoal utilities in joint state `state`. */
export function subgoalValues(learner: SubgoalLearner, agent: number, state: number): Float64Array {
  return (learner.utilities[agent] as Float64Array).subarray(
    state * learner.cells,
    (state + 1) * learner.cells,
  );
}

/** max_g H_tot(state, g): the mix of each agent's best utility (the weights are ≥ 0). */
export function bestMixedValue(learner: SubgoalLearner, state: number): number {
  return [0, 1].reduce(
    (total, agent) =>
      total +
      Math.abs((learner.weights[agent] as Float64Array)[state] as number) *
        Math.max(...subgoalValues(learner, agent, state)),
    learner.bias[state] as number,
  );
}

/** One SMDP step of the high level: subgoals `goals` chosen in `state`, `reward` collected, `next` reached. */
export function updateHighLevel(
  learner: SubgoalLearner,
  step: {
    state: number;
    goals: readonly number[];
    reward: number;
    next: number;
    done: boolean;
    discount: number;
    learningRate: number;
    mixerLearningRate: number;
  },
): void {
  const utilities = step.goals.map(
    (goal, agent) => subgoalValues(learner, agent, step.state)[goal] as number,
  );
  const weight = (agent: number) => Math.abs((learner.weights[agent] as Float64Array)[step.state] as number);
  const total = utilities.reduce(
    (sum, utility, agent) => sum + weight(agent) * utility,
    learner.bias[step.state] as number,
  );
  const error = step.reward + (step.done ? 0 : step.discount * bestMixedValue(learner, step.next)) - total;
  step.goals.forEach((goal, agent) => {
    const table = learner.utilities[agent] as Float64Array;
    const weights = learner.weights[agent] as Float64Array;
    const index = step.state * learner.cells + goal;
    const sign = (weights[step.state] as number) >= 0 ? 1 : -1;
    table[index] = (table[index] as number) + step.learningRate * error * weight(agent);
    weights[step.state] =
      (weights[step.state] as number) + step.mixerLearningRate * error * sign * (utilities[agent] as number);
  });
  learner.bias[step.state] = (learner.bias[step.state] as number) + step.learningRate * error;
}

/** Agent `agent`'s low-level move values at `cell` toward `goal`. */
export function lowValues(learner: SubgoalLearner, agent: number, cell: number, goal: number): Float64Array {
  const start = (cell * learner.cells + goal) * moves;
  return (learner.low[agent] as Float64Array).subarray(start, start + moves);
}

/** All-goals update of the low level for one move: every subgoal learns from the same transition. */
export function updateLowLevel(
  learner: SubgoalLearner,
  step: {
    grid: ButtonGrid;
    agent: number;
    cell: number;
    move: number;
    discount: number;
    learningRate: number;
  },
): void {
  const next = moveCell(step.grid, step.cell, step.move);
  for (let goal = 0; goal < learner.cells; goal++) {
    const values = lowValues(learner, step.agent, step.cell, goal);
    const reached = next === goal;
    const target = reached ? 1 : step.discount * Math.max(...lowValues(learner, step.agent, next, goal));
    values[step.move] =
      (values[step.move] as number) + step.learningRate * (target - (values[step.move] as number));
  }
}
