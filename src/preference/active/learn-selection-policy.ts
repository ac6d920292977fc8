import { type FeatureMatrix, type Random, seededRandom } from "../../models/index.js";
import { type PoolPair, runActiveLearning } from "./active-learning.js";
import { queryFeatureNames } from "./query-features.js";

/** A class of labelling problems the policy must do well on (the paper's equivalence classes). */
export interface ProblemClass {
  name: string;
  /** Probability that the simulated labeller flips a label. */
  flip: number;
}

/** Default classes: a clean, a noisy and a very noisy labeller (reconstructed). */
export const defaultProblemClasses: readonly ProblemClass[] = [
  { name: "clean", flip: 0 },
  { name: "noisy", flip: 0.15 },
  { name: "very_noisy", flip: 0.3 },
];

export interface LearnPolicyOptions {
  /** Feature rows of the pool's responses (only their features are used: no label is read). */
  features: FeatureMatrix;
  pool: readonly PoolPair[];
  /** Dense features of each row, for the simulated rewards. */
  rowVectors: readonly Float64Array[];
  classes?: readonly ProblemClass[];
  problemsPerClass?: number;
  candidates?: number;
  initial: number;
  batch: number;
  budget: number;
  members?: number;
  density?: Float64Array;
  seed: number;
}

export interface LearnedPolicy {
  weights: number[];
  /** The worst class's gap to the best candidate for that class (0 = as good as the best everywhere). */
  worstRegret: number;
  /** Mean area under the learning curve of the chosen weights, per class. */
  areaByClass: Record<string, number>;
}

function unitVector(random: Random, size: number): number[] {
  const values = Array.from({ length: size }, () => random.normal());
  const norm = Math.hypot(...values) || 1;
  return values.map((value) => value / norm);
}

/**
 * Learns a query-selection policy, reconstructed from "Learning to Actively Learn: A Robust
 * Approach" (Zhang, Jain & Jamieson 2020; their learned policy is an RNN trained adversarially over
 * equivalence classes of problems, no public code): here a linear policy over the four query
 * features (uncertainty, disagreement, density, novelty), chosen among random candidates (plus the
 * pure strategies) to minimize the worst class's regret — the gap between its learning-curve area
 * and the best candidate's on that class. Problems are simulated on the pool's own features: a
 * hidden linear reward labels the pairs, with each class's flip noise; no real label is read.
 */
export function learnSelectionPolicy(options: LearnPolicyOptions): LearnedPolicy {
  const random = seededRandom(options.seed);
  const classes = options.classes ?? defaultProblemClasses;
  const size = queryFeatureNames.length;
  const candidates: number[][] = [
    ...Array.from({ length: size }, (_, feature) =>
      Array.from({ length: size }, (__, at) => (at === feature ? 1 : 0)),
    ),
    ...Array.from({ length: Math.max(0, (options.candidates ?? 12) - size) }, () => unitVector(random, size)),
  ];
  const dimensions = options.rowVectors[0]?.length ?? 0;
  // The same simulated problems for every candidate: hidden rewards, noisy labels and test pairs.
  const problems = classes.flatMap((problemClass) =>
    Array.from({ length: options.problemsPerClass ?? 2 }, () => {
      const hidden = unitVector(random, dimensions);
      const reward = (row: number) =>
        (options.rowVectors[row] as Float64Array).reduce(
          (sum, value, at) => sum + value * (hidden[at] as number),
          0,
        );
      const labels = options.pool.map((pair): 1 | -1 => {
        const truth = reward(pair.a) > reward(pair.b) ? 1 : -1;
        return random.next() < problemClass.flip ? (-truth as 1 | -1) : truth;
      });
      const test = Array.from(
        { length: Math.min(300, options.pool.length) },
        () => options.pool[random.int(options.pool.length)] as PoolPair,
      );
      return { problemClass, reward, labels, test, seed: random.int(1 << 30) };
    }),
  );
  const areas = candidates.map((weights) =>
    problems.map((problem) => {
      const curve = runActiveLearning({
        features: options.features,
        pool: options.pool,
        label: (pair) => problem.labels[pair] as 1 | -1,
        strategy: { kind: "policy", weights },
        initial: options.initial,
        batch: options.batch,
        budget: options.budget,
        members: options.members ?? 3,
        ...(options.density ? { density: options.density } : {}),
        seed: problem.seed,
        evaluate: (_labels, model) => {
          const rewards = model.score(options.features);
          const correct = problem.test.filter(
            (pair) =>
              (rewards[pair.a] as number) > (rewards[pair.b] as number) ===
              problem.reward(pair.a) > problem.reward(pair.b),
          ).length;
          return correct / problem.test.length;
        },
      });
      return curve.reduce((sum, point) => sum + point.accuracy, 0) / curve.length;
    }),
  );
  const classArea = (candidate: number, problemClass: ProblemClass) => {
    const values = problems.flatMap((problem, at) =>
      problem.problemClass === problemClass ? [areas[candidate]?.[at] as number] : [],
    );
    return values.reduce((sum, value) => sum + value, 0) / values.length;
  };
  const bestByClass = classes.map((problemClass) =>
    Math.max(...candidates.map((_, candidate) => classArea(candidate, problemClass))),
  );
  let chosen = 0;
  let chosenRegret = Number.POSITIVE_INFINITY;
  candidates.forEach((_, candidate) => {
    const regret = Math.max(
      ...classes.map((problemClass, at) => (bestByClass[at] as number) - classArea(candidate, problemClass)),
    );
    if (regret < chosenRegret) {
      chosenRegret = regret;
      chosen = candidate;
    }
  });
  return {
    weights: candidates[chosen] as number[],
    worstRegret: chosenRegret,
    areaByClass: Object.fromEntries(
      classes.map((problemClass) => [problemClass.name, classArea(chosen, problemClass)]),
    ),
  };
}
