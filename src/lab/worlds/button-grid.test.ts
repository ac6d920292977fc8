import { describe, expect, it } from "vitest";
import { bothPressed, buttonGrid, jointState, moveCell } from "./button-grid.js";
import { monotonicMixer } from "./flat-learners.js";
import { createSubgoalLearner, lowValues, updateLowLevel } from "./subgoal-learner.js";

const grid = buttonGrid(5, 20);

describe("button grid (subgoal-marl's world)", () => {
  it("walls keep an agent in place; both buttons count in either assignment, not one agent on both", () => {
    expect(moveCell(grid, grid.starts[0], 2)).toBe(grid.starts[0]);
    expect(moveCell(grid, grid.starts[0], 0)).toBe(grid.starts[0] - 5);
    expect(bothPressed(grid, [grid.buttons[0], grid.buttons[1]])).toBe(true);
    expect(bothPressed(grid, [grid.buttons[1], grid.buttons[0]])).toBe(true);
    expect(bothPressed(grid, [grid.buttons[0], grid.buttons[0]])).toBe(false);
  });

  it("the monotonic mixer's first TD step by hand: Q_tot 0 → w·0.1 + w·0.1 + 0.1 = 0.3", () => {
    const mixer = monotonicMixer({ grid, learningRate: 0.1, mixerLearningRate: 0.01, discount: 0.9 });
    const state = jointState(grid, [grid.starts[0], grid.starts[1]]);
    mixer.update({ state, actions: [0, 3], reward: 1, next: state, done: true });
    expect(mixer.values(0, state)[0]).toBeCloseTo(0.1, 12);
    expect(mixer.values(1, state)[3]).toBeCloseTo(0.1, 12);
    mixer.update({ state, actions: [0, 3], reward: 1, next: state, done: true });
    // δ = 1 − 0.3 = 0.7 and w is still 1 (its first update was 0.01·δ·utility with utility 0): Q_i += 0.07.
    expect(mixer.values(0, state)[0]).toBeCloseTo(0.1 + 0.07, 12);
  });

  it("all-goals updating: one move teaches every subgoal it reaches or passes", () => {
    const learner = createSubgoalLearner(grid);
    const from = grid.starts[0];
    updateLowLevel(learner, { grid, agent: 0, cell: from, move: 0, discount: 0.9, learningRate: 0.5 });
    expect(lowValues(learner, 0, from, from - 5)[0]).toBe(0.5);
    expect(lowValues(learner, 0, from, from - 10)[0]).toBe(0);
  });
});
