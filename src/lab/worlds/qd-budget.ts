import type { LabRandom } from "../random.js";
import type { MazeController, MazeEvaluation } from "./maze-controller.js";

/** A point of a search's progress: evaluations spent, best reward so far, share of arena cells reached. */
export interface SearchPoint {
  evaluations: number;
  bestReward: number;
  coverage: number;
}

/**
 * Counts a search's evaluations against its budget and records what every evaluation reached: the
 * best reward so far and the coverage (the share of a `grid × grid` partition of the arena where some
 * evaluated controller ended), checkpointed every `every` evaluations.
 */
export class SearchBudget {
  readonly budget: number;
  readonly controller: MazeController;
  readonly curve: SearchPoint[] = [];
  readonly visited: Set<number> = new Set();
  /** Every final position, in evaluation order (the report's archive plots). */
  readonly positions: [number, number][] = [];
  used = 0;
  bestReward = 0;
  /** The smallest final distance to the goal so far. */
  closest = Number.POSITIVE_INFINITY;
  firstRewardAt: number | undefined;
  readonly #grid: number;
  readonly #every: number;

  constructor(options: { budget: number; controller: MazeController; grid: number; every: number }) {
    this.budget = options.budget;
    this.controller = options.controller;
    this.#grid = options.grid;
    this.#every = options.every;
  }

  get left(): number {
    return this.budget - this.used;
  }

  get coverage(): number {
    return this.visited.size / (this.#grid * this.#grid);
  }

  evaluate(genome: Float64Array): MazeEvaluation {
    const result = this.controller.evaluate(genome);
    this.used++;
    const size = this.controller.environment.settings.arena.size;
    const cell = (value: number) =>
      Math.min(this.#grid - 1, Math.max(0, Math.floor((value / size) * this.#grid)));
    this.visited.add(cell(result.position[1]) * this.#grid + cell(result.position[0]));
    this.positions.push(result.position);
    if (result.reward > 0 && this.firstRewardAt === undefined) this.firstRewardAt = this.used;
    this.bestReward = Math.max(this.bestReward, result.reward);
    this.closest = Math.min(this.closest, result.distance);
    if (this.used % this.#every === 0 || this.used === this.budget)
      this.curve.push({ evaluations: this.used, bestReward: this.bestReward, coverage: this.coverage });
    return result;
  }
}

/** A genome with every gene drawn uniformly from [−1, 1]. */
export function randomGenome(size: number, random: LabRandom): Float64Array {
  return Float64Array.from({ length: size }, () => 2 * random.next() - 1);
}

/** A copy of `genome` with Gaussian noise N(0, σ²) on every gene, clipped to [−5, 5] (SERENE's genome bounds). */
export function mutate(genome: Float64Array, sigma: number, random: LabRandom): Float64Array {
  return genome.map((gene) => Math.max(-5, Math.min(5, gene + sigma * random.normal())));
}
