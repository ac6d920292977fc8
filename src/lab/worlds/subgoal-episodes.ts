import type { LabRandom } from "../random.js";
import { type ButtonGrid, bothPressed, gridMoves, jointState, moveCell } from "./button-grid.js";
import type { FlatLearner } from "./flat-learners.js";
import {
  lowValues,
  type SubgoalLearner,
  subgoalValues,
  updateHighLevel,
  updateLowLevel,
} from "./subgoal-learner.js";

/** One episode of the button grid: whether both buttons were pressed at once, and after how many steps. */
export interface GridEpisode {
  success: boolean;
  steps: number;
}

/** Settings shared by the episodes of every learner. */
export interface EpisodeSettings {
  grid: ButtonGrid;
  discount: number;
  learningRate: number;
  mixerLearningRate: number;
}

/** ε-greedy over values; ties go to the lowest index (deterministic). */
function choose(values: ArrayLike<number>, epsilon: number, random: LabRandom): number {
  if (random.next() < epsilon) return random.int(values.length);
  let best = 0;
  for (let index = 1; index < values.length; index++)
    if ((values[index] as number) > (values[best] as number)) best = index;
  return best;
}

/** An episode of a flat learner (independent or mixed); `learn: false` only plays. */
export function flatEpisode(input: {
  settings: EpisodeSettings;
  learner: FlatLearner;
  epsilon: number;
  random: LabRandom;
  learn: boolean;
}): GridEpisode {
  const { grid } = input.settings;
  let cells: [number, number] = [grid.starts[0], grid.starts[1]];
  for (let step = 1; step <= grid.maxSteps; step++) {
    const state = jointState(grid, cells);
    const actions = [0, 1].map((agent) =>
      choose(input.learner.values(agent, state), input.epsilon, input.random),
    );
    cells = [moveCell(grid, cells[0], actions[0] as number), moveCell(grid, cells[1], actions[1] as number)];
    const success = bothPressed(grid, cells);
    if (input.learn) {
      input.learner.update({
        state,
        actions,
        reward: success ? 1 : 0,
        next: jointState(grid, cells),
        done: success,
      });
    }
    if (success) return { success, steps: step };
  }
  return { success: false, steps: grid.maxSteps };
}

/** An episode of the hierarchical learner: subgoals chosen by the high level, moves by the low level. */
export function subgoalEpisode(input: {
  settings: EpisodeSettings;
  learner: SubgoalLearner;
  epsilon: number;
  lowEpsilon: number;
  random: LabRandom;
  learn: boolean;
}): GridEpisode {
  const { settings, learner, random } = input;
  const { grid } = settings;
  let cells: [number, number] = [grid.starts[0], grid.starts[1]];
  let optionState = jointState(grid, cells);
  let goals = [0, 1].map((agent) =>
    choose(subgoalValues(learner, agent, optionState), input.epsilon, random),
  );
  let optionSteps = 0;
  const highUpdate = (reward: number, done: boolean) => {
    if (!input.learn) return;
    updateHighLevel(learner, {
      state: optionState,
      goals,
      reward: reward * settings.discount ** (optionSteps - 1),
      next: jointState(grid, cells),
      done,
      discount: settings.discount ** optionSteps,
      learningRate: settings.learningRate,
      mixerLearningRate: settings.mixerLearningRate,
    });
  };
  for (let step = 1; step <= grid.maxSteps; step++) {
    const moves = [0, 1].map((agent) => {
      const cell = cells[agent] as number;
      if (cell === goals[agent]) return gridMoves.length - 1;
      return choose(lowValues(learner, agent, cell, goals[agent] as number), input.lowEpsilon, random);
    });
    if (input.learn) {
      moves.forEach((move, agent) => {
        updateLowLevel(learner, {
          grid,
          agent,
          cell: cells[agent] as number,
          move,
          discount: settings.discount,
          learningRate: settings.learningRate,
        });
      });
    }
    cells = [moveCell(grid, cells[0], moves[0] as number), moveCell(grid, cells[1], moves[1] as number)];
    optionSteps++;
    const success = bothPressed(grid, cells);
    if (success) {
      highUpdate(1, true);
      return { success, steps: step };
    }
    if (cells[0] === goals[0] && cells[1] === goals[1]) {
      // Both subgoals reached without the team reward: the high level generates new ones from here.
      highUpdate(0, false);
      optionState = jointState(grid, cells);
      goals = [0, 1].map((agent) =>
        choose(subgoalValues(learner, agent, optionState), input.epsilon, random),
      );
      optionSteps = 0;
    }
  }
  highUpdate(0, true);
  return { success: false, steps: grid.maxSteps };
}
