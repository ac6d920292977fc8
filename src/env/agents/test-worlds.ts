/**
 * Tiny worlds with known answers, for the agents' tests and examples: a corridor (always go right),
 * Sutton & Barto's cliff walking (Q-learning's edge path against SARSA's safer one; Q* by value
 * iteration) and a two-armed Bernoulli bandit. The env room's real environments live beside this
 * folder; these exist so the agents can be checked against textbook results on their own.
 */
import { mulberry32 } from "../../core/random.js";
import type { Environment, Reset, Space, Transition } from "../environment.js";

/** A deterministic finite MDP's model: where an action leads and what it pays. */
export interface TabularModel {
  states: readonly number[];
  actions: number;
  start: number;
  next(state: number, action: number): { state: number; reward: number; terminated: boolean };
}

/** Q* of a deterministic tabular model by value iteration (Sutton & Barto §4.4), keyed by state. */
export function optimalActionValues(
  model: TabularModel,
  discount: number,
  sweeps = 1000,
): Map<number, Float64Array> {
  const values = new Map(model.states.map((state) => [state, new Float64Array(model.actions)]));
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let change = 0;
    for (const state of model.states) {
      const row = values.get(state) as Float64Array;
      for (let action = 0; action < model.actions; action++) {
        const outcome = model.next(state, action);
        const future = outcome.terminated ? 0 : Math.max(...(values.get(outcome.state) as Float64Array));
        const value = outcome.reward + discount * future;
        change = Math.max(change, Math.abs(value - (row[action] as number)));
        row[action] = value;
      }
    }
    if (change < 1e-12) break;
  }
  return values;
}

/** A state-indexed world built on a `TabularModel`. */
abstract class ModelWorld implements Environment<number, number> {
  abstract readonly id: string;
  abstract readonly model: TabularModel;
  abstract readonly maxEpisodeSteps: number;
  protected state = 0;
  private steps = 0;

  get actionSpace(): Space {
    return { kind: "discrete", n: this.model.actions };
  }

  get observationSpace(): Space {
    return { kind: "discrete", n: this.model.states.length };
  }

  reset(): Reset<number> {
    this.state = this.model.start;
    this.steps = 0;
    return { observation: this.state, info: {} };
  }

  step(action: number): Transition<number> {
    if (!Number.isInteger(action) || action < 0 || action >= this.model.actions)
      throw new RangeError(`${this.id}: action ${action} is not one of 0..${this.model.actions - 1}`);
    const outcome = this.model.next(this.state, action);
    this.state = outcome.state;
    this.steps++;
    return {
      observation: this.state,
      reward: outcome.reward,
      terminated: outcome.terminated,
      truncated: !outcome.terminated && this.steps >= this.maxEpisodeSteps,
      info: {},
    };
  }

  observationKey(observation: number): string {
    return String(observation);
  }

  observationFeatures(observation: number): Float64Array {
    const features = new Float64Array(this.model.states.length);
    features[observation] = 1;
    return features;
  }

  observationText(observation: number): string {
    return `state ${observation}`;
  }

  abstract renderText(): string;
}

/** Cells 0…length−1, start at 0; action 1 moves right, 0 left; reaching the last cell pays 1 and ends. */
export class Corridor extends ModelWorld {
  readonly id = "corridor";
  readonly model: TabularModel;
  readonly maxEpisodeSteps: number;

  constructor(options: { length?: number; maxEpisodeSteps?: number } = {}) {
    super();
    const length = options.length ?? 8;
    this.maxEpisodeSteps = options.maxEpisodeSteps ?? 8 * length;
    this.model = {
      states: Array.from({ length }, (_, index) => index),
      actions: 2,
      start: 0,
      next: (state, action) => {
        const next = Math.max(0, Math.min(length - 1, state + (action === 1 ? 1 : -1)));
        return { state: next, reward: next === length - 1 ? 1 : 0, terminated: next === length - 1 };
      },
    };
  }

  renderText(): string {
    return this.model.states
      .map((cell) => (cell === this.state ? "A" : cell === this.model.states.length - 1 ? "G" : "."))
      .join("");
  }
}

/** Actions of the cliff world: up, right, down, left. */
export const cliffActions = ["up", "right", "down", "left"] as const;

/**
 * Cliff walking (Sutton & Barto Example 6.6): a 4 × 12 grid, start bottom-left, goal bottom-right,
 * the cells between them a cliff. Every step costs 1; stepping into the cliff costs 100 and sends
 * the agent back to the start. States are row · 12 + column.
 */
export class CliffWalking extends ModelWorld {
  readonly id = "cliff-walking";
  static readonly rows = 4;
  static readonly columns = 12;
  readonly model: TabularModel;
  readonly maxEpisodeSteps: number;

  constructor(options: { maxEpisodeSteps?: number } = {}) {
    super();
    const { rows, columns } = CliffWalking;
    const start = (rows - 1) * columns;
    const goal = rows * columns - 1;
    this.maxEpisodeSteps = options.maxEpisodeSteps ?? 500;
    this.model = {
      states: Array.from({ length: rows * columns }, (_, index) => index),
      actions: 4,
      start,
      next: (state, action) => {
        const [dRow, dColumn] = [
          [-1, 0],
          [0, 1],
          [1, 0],
          [0, -1],
        ][action] as [number, number];
        const row = Math.max(0, Math.min(rows - 1, Math.floor(state / columns) + dRow));
        const column = Math.max(0, Math.min(columns - 1, (state % columns) + dColumn));
        const next = row * columns + column;
        if (CliffWalking.isCliff(next)) return { state: start, reward: -100, terminated: false };
        return { state: next, reward: -1, terminated: next === goal };
      },
    };
  }

  static isCliff(state: number): boolean {
    const column = state % CliffWalking.columns;
    return (
      Math.floor(state / CliffWalking.columns) === CliffWalking.rows - 1 &&
      column > 0 &&
      column < CliffWalking.columns - 1
    );
  }

  renderText(): string {
    const { rows, columns } = CliffWalking;
    const lines: string[] = [];
    for (let row = 0; row < rows; row++) {
      let line = "";
      for (let column = 0; column < columns; column++) {
        const state = row * columns + column;
        line +=
          state === this.state
            ? "A"
            : CliffWalking.isCliff(state)
              ? "C"
              : state === rows * columns - 1
                ? "G"
                : ".";
      }
      lines.push(line);
    }
    return lines.join("\n");
  }
}

/** A one-step bandit: arm k pays 1 with probability `means[k]`, else 0. Seeded per reset. */
export class BernoulliBandit implements Environment<number, number> {
  readonly id = "bernoulli-bandit";
  readonly observationSpace: Space = { kind: "discrete", n: 1 };
  readonly actionSpace: Space;
  readonly maxEpisodeSteps = 1;
  readonly means: readonly number[];
  private random: () => number;

  constructor(options: { means?: readonly number[]; seed?: number } = {}) {
    this.means = options.means ?? [0.3, 0.7];
    this.actionSpace = { kind: "discrete", n: this.means.length };
    this.random = mulberry32(options.seed ?? 0);
  }

  reset(options: { seed?: number } = {}): Reset<number> {
    if (options.seed !== undefined) this.random = mulberry32(options.seed);
    return { observation: 0, info: {} };
  }

  step(action: number): Transition<number> {
    const mean = this.means[action];
    if (mean === undefined) throw new RangeError(`${this.id}: no arm ${action}`);
    return {
      observation: 0,
      reward: this.random() < mean ? 1 : 0,
      terminated: true,
      truncated: false,
      info: {},
    };
  }

  observationKey(): string {
    return "0";
  }

  observationFeatures(): Float64Array {
    return Float64Array.of(1);
  }

  observationText(): string {
    return "choose an arm";
  }

  renderText(): string {
    return `arms: ${this.means.join(", ")}`;
  }
}
