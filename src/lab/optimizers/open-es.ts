import { DenseAdam } from "../../models/train/dense-adam.js";
import type { LabRandom } from "../random.js";

export interface OpenEsOptions {
  /** Members per generation; even (antithetic pairs θ ± σε). */
  population: number;
  /** σ: the perturbations' standard deviation. */
  sigma: number;
  /** Adam's step on the mean. */
  learningRate: number;
}

export interface OpenEsGeneration {
  generation: number;
  /** Each member's fitness, in population order (pairs: +ε then −ε). */
  fitness: number[];
  /** Fitness of the mean before this generation's step, when the caller measured it. */
  meanFitness?: number;
}

/**
 * OpenAI-ES (Salimans et al. 2017) as evosax's OpenES, which the temporally-aware LPO work meta-trains
 * with (Jackson et al. 2024): antithetic Gaussian perturbations of the mean, centered-rank fitness
 * shaping, the gradient estimate g = Σᵢ f̃ᵢ εᵢ / (n σ) ascended with Adam. Maximizes.
 */
export class OpenEs {
  readonly mean: Float64Array;
  private readonly options: OpenEsOptions;
  private readonly adam: DenseAdam;
  private readonly random: LabRandom;
  generation = 0;

  constructor(setup: { initial: Float64Array; options: OpenEsOptions; random: LabRandom }) {
    if (setup.options.population < 2 || setup.options.population % 2 !== 0)
      throw new RangeError(
        `OpenEs: the population must be even and at least 2, got ${setup.options.population}`,
      );
    this.mean = Float64Array.from(setup.initial);
    this.options = setup.options;
    this.random = setup.random;
    this.adam = new DenseAdam([this.mean], { learningRate: setup.options.learningRate, maximize: true });
  }

  /** This generation's perturbations ε (one per pair) and the members θ ± σε, pairs adjacent. */
  ask(): { noise: Float64Array[]; members: Float64Array[] } {
    const { population, sigma } = this.options;
    const noise = Array.from({ length: population / 2 }, () =>
      Float64Array.from({ length: this.mean.length }, () => this.random.normal()),
    );
    const members = noise.flatMap((epsilon) => [
      this.mean.map((value, index) => value + sigma * (epsilon[index] as number)),
      this.mean.map((value, index) => value - sigma * (epsilon[index] as number)),
    ]);
    return { noise, members };
  }

  /** One Adam step on the mean from the members' fitness (higher is better). */
  tell(noise: readonly Float64Array[], fitness: readonly number[]): void {
    const shaped = centeredRanks(fitness);
    const gradient = new Float64Array(this.mean.length);
    noise.forEach((epsilon, pair) => {
      const weight = (shaped[2 * pair] as number) - (shaped[2 * pair + 1] as number);
      for (let index = 0; index < gradient.length; index++)
        gradient[index] = (gradient[index] as number) + weight * (epsilon[index] as number);
    });
    const scale = 1 / (this.options.population * this.options.sigma);
    for (let index = 0; index < gradient.length; index++)
      gradient[index] = (gradient[index] as number) * scale;
    this.adam.step([gradient]);
    this.generation++;
  }
}

/** Ranks mapped to [−½, ½] (ties keep their order), as evosax's centered_rank shaping. */
export function centeredRanks(values: readonly number[]): number[] {
  const order = values
    .map((value, index) => ({ value, index }))
    .sort((a, b) => a.value - b.value || a.index - b.index);
  const ranks = new Array<number>(values.length).fill(0);
  order.forEach(({ index }, rank) => {
    ranks[index] = values.length === 1 ? 0 : rank / (values.length - 1) - 0.5;
  });
  return ranks;
}
