import {
  type BradleyTerryModel,
  denseRow,
  type FeatureMatrix,
  type PairInput,
  type Random,
  seededRandom,
  trainBradleyTerry,
} from "../../models/index.js";
import {
  densityScores,
  disagreementScores,
  noveltyScores,
  queryFeatureNames,
  standardizeColumns,
  uncertaintyScores,
} from "./query-features.js";

/** How the next comparisons to label are chosen. */
export type QueryStrategy =
  | { kind: "random" }
  | { kind: "uncertainty" }
  | { kind: "disagreement" }
  /** A learned linear policy over the standardized query features (see `learnSelectionPolicy`). */
  | { kind: "policy"; weights: readonly number[] };

/** A comparison in the pool: two feature rows, in an order that says nothing about the label. */
export interface PoolPair {
  a: number;
  b: number;
}

export interface ActiveLearningOptions {
  features: FeatureMatrix;
  pool: readonly PoolPair[];
  /** The labeller: +1 when a is preferred to b, −1 when b is (asked only for chosen pairs). */
  label: (pair: number) => 1 | -1;
  strategy: QueryStrategy;
  /** Labels bought at random before the strategy takes over. */
  initial: number;
  /** Labels bought per round (the model is retrained after each round). */
  batch: number;
  budget: number;
  /** Ensemble members for the disagreement feature (each on a bootstrap of the labels). */
  members?: number;
  epochs?: number;
  learningRate?: number;
  seed: number;
  /** Called after each retraining with the labels bought so far and the model. */
  evaluate: (labels: number, model: BradleyTerryModel) => number;
  /** Precomputed density scores of the pool (computed if absent). */
  density?: Float64Array;
}

/** One point of a learning curve. */
export interface ActivePoint {
  labels: number;
  accuracy: number;
}

/** x_a − x_b of every pool pair as dense vectors (the comparison's own features). */
export function pairDifferences(features: FeatureMatrix, pool: readonly PoolPair[]): Float64Array[] {
  return pool.map((pair) => {
    const a = denseRow(features, pair.a);
    const b = denseRow(features, pair.b);
    return Float64Array.from(a, (value, index) => value - (b[index] as number));
  });
}

function trainOn(input: {
  options: ActiveLearningOptions;
  labelled: readonly number[];
  labels: Map<number, 1 | -1>;
  seed: number;
  random?: Random;
}) {
  const { options, labelled, labels, seed, random } = input;
  const pairs: PairInput[] = labelled.map((index) => {
    const pair = options.pool[index] as PoolPair;
    return labels.get(index) === 1
      ? { chosen: pair.a, rejected: pair.b }
      : { chosen: pair.b, rejected: pair.a };
  });
  const chosen = random ? Array.from(pairs, () => pairs[random.int(pairs.length)] as PairInput) : pairs;
  return trainBradleyTerry({
    features: options.features,
    pairs: chosen,
    epochs: options.epochs ?? 20,
    learningRate: options.learningRate ?? 0.05,
    seed,
  });
}

/**
 * Pool-based active learning of a Bradley–Terry reward model under a small labelling budget
 * (Learning to Actively Learn, Zhang et al. 2020, for the "which comparisons to ask for" problem):
 * buy `initial` labels at random, then rounds of `batch` labels chosen by the strategy, retraining
 * after each round. Returns the learning curve (labels → `evaluate`).
 */
export function runActiveLearning(options: ActiveLearningOptions): ActivePoint[] {
  const random = seededRandom(options.seed);
  const unlabelled = new Set(options.pool.map((_, index) => index));
  const labelled: number[] = [];
  const labels = new Map<number, 1 | -1>();
  const buy = (index: number) => {
    unlabelled.delete(index);
    labelled.push(index);
    labels.set(index, options.label(index));
  };
  const takeRandom = (count: number) => {
    for (let taken = 0; taken < count && unlabelled.size > 0; taken++) {
      const remaining = [...unlabelled];
      buy(remaining[random.int(remaining.length)] as number);
    }
  };
  takeRandom(Math.min(options.initial, options.budget));
  const needsGeometry = options.strategy.kind === "policy";
  const differences = needsGeometry ? pairDifferences(options.features, options.pool) : [];
  const density = needsGeometry
    ? (options.density ?? densityScores(differences, { seed: random.next }))
    : undefined;
  const curve: ActivePoint[] = [];
  let model = trainOn({ options, labelled, labels, seed: options.seed });
  curve.push({ labels: labelled.length, accuracy: options.evaluate(labelled.length, model) });
  while (labelled.length < options.budget && unlabelled.size > 0) {
    const count = Math.min(options.batch, options.budget - labelled.length);
    if (options.strategy.kind === "random") {
      takeRandom(count);
    } else {
      const candidates = [...unlabelled];
      const scores = scoreCandidates({
        options,
        model,
        candidates,
        labelled,
        labels,
        differences,
        density,
        random,
      });
      const order = candidates.map((index, at) => ({ index, score: scores[at] as number }));
      // Ties broken at random so a flat score does not fall back to pool order.
      order.sort((first, second) => second.score - first.score || random.next() - 0.5);
      for (const entry of order.slice(0, count)) buy(entry.index);
    }
    model = trainOn({ options, labelled, labels, seed: options.seed + labelled.length });
    curve.push({ labels: labelled.length, accuracy: options.evaluate(labelled.length, model) });
  }
  return curve;
}

function scoreCandidates(input: {
  options: ActiveLearningOptions;
  model: BradleyTerryModel;
  candidates: readonly number[];
  labelled: readonly number[];
  labels: Map<number, 1 | -1>;
  differences: readonly Float64Array[];
  density: Float64Array | undefined;
  random: Random;
}): Float64Array {
  const { options, candidates } = input;
  const deltasOf = (model: BradleyTerryModel) => {
    const rewards = model.score(options.features);
    return candidates.map((index) => {
      const pair = options.pool[index] as PoolPair;
      return (rewards[pair.a] as number) - (rewards[pair.b] as number);
    });
  };
  const uncertainty = uncertaintyScores(deltasOf(input.model));
  if (options.strategy.kind === "uncertainty") return uncertainty;
  const members = Array.from({ length: options.members ?? 4 }, (_, member) =>
    trainOn({
      options,
      labelled: input.labelled,
      labels: input.labels,
      seed: options.seed + 7919 * (member + 1),
      random: input.random,
    }),
  );
  const disagreement = disagreementScores(members.map(deltasOf));
  if (options.strategy.kind === "disagreement") return disagreement;
  const novelty = noveltyScores(
    candidates.map((index) => input.differences[index] as Float64Array),
    input.labelled.map((index) => input.differences[index] as Float64Array),
  );
  const density = Float64Array.from(candidates, (index) => (input.density as Float64Array)[index] as number);
  const columns = standardizeColumns([uncertainty, disagreement, density, novelty]);
  const strategy = options.strategy;
  if (strategy.kind !== "policy") throw new RangeError(`no scores for strategy ${strategy.kind}`);
  const weights = strategy.weights;
  if (weights.length !== queryFeatureNames.length) {
    throw new RangeError(
      `policy weights: expected ${queryFeatureNames.length} (${queryFeatureNames.join(", ")}), got ${weights.length}`,
    );
  }
  return Float64Array.from(candidates, (_, at) =>
    columns.reduce((sum, column, feature) => sum + (weights[feature] as number) * (column[at] as number), 0),
  );
}
