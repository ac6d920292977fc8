import type { FeatureMatrix } from "../features/feature-matrix.js";
import type { TrainableHead } from "../heads/head.js";
import { LinearHead } from "../heads/linear-head.js";
import { MlpHead } from "../heads/mlp-head.js";
import { range, seededRandom, shuffleInPlace } from "../random.js";
import { LazyAdam } from "./lazy-adam.js";
import { pairLoss, pairLossGradient } from "./pair-loss.js";
import { type FeatureInput, type PairInput, type PairSet, toFeatureMatrix, toPairSet } from "./pair-set.js";

export type HeadChoice = "linear" | { kind: "mlp"; hidden: number };

export interface BradleyTerryOptions {
  features: FeatureInput;
  pairs: readonly PairInput[] | PairSet;
  /** Held-out pairs for early stopping (their rows index `validation.features`, default `features`). */
  validation?: { features?: FeatureInput; pairs: readonly PairInput[] | PairSet } | undefined;
  head?: HeadChoice;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  /** L2 on the coordinates each step touches. */
  l2?: number;
  /** A margin every pair must clear, added to each pair's own. */
  margin?: number;
  /** TRL's `center_rewards_coefficient` (recommended 0.01): coefficient · mean((r_c + r_r)²). */
  centerRewardsCoefficient?: number;
  /** Label smoothing α: targets become min(target, 1 − α). */
  labelSmoothing?: number;
  /** Epochs without a better validation loss before stopping (the best epoch's weights are kept). */
  patience?: number;
  seed?: number;
  /** Visit pairs in a new random order each epoch (default); false keeps the given order. */
  shuffle?: boolean;
  onEpoch?: (record: EpochRecord) => void;
}

export interface EpochRecord {
  /** In an ensemble, which member (1-based) of how many is training; absent for a single model. */
  member?: number;
  members?: number;
  epoch: number;
  trainLoss: number;
  trainAccuracy: number;
  validLoss?: number;
  validAccuracy?: number;
  seconds: number;
}

/** A trained scalar reward model over feature rows. */
export interface BradleyTerryModel {
  readonly head: TrainableHead;
  readonly history: readonly EpochRecord[];
  /** The epoch whose weights were kept (the last one without validation). */
  readonly bestEpoch: number;
  /** Rewards of every row. */
  score(features: FeatureInput): Float32Array;
  /** The reward of one dense feature vector. */
  scoreVector(vector: ArrayLike<number>): number;
}

/**
 * Trains a Bradley-Terry reward model, −log σ(r(chosen) − r(rejected) − margin), with minibatch
 * lazy Adam, optional centering, label smoothing, soft labels and per-pair margins, and early
 * stopping on validation loss. Pure: same inputs and seed, same model.
 *
 * @example
 * const model = trainBradleyTerry({ features: [[1, 0], [0, 1]], pairs: [{ chosen: 0, rejected: 1 }] });
 * model.scoreVector([1, 0]) > model.scoreVector([0, 1]); // true
 */
export function trainBradleyTerry(options: BradleyTerryOptions): BradleyTerryModel {
  const matrix = toFeatureMatrix(options.features);
  const pairs = toPairSet(options.pairs, matrix.rows);
  const random = seededRandom(options.seed ?? 0);
  const choice = options.head ?? "linear";
  const head: TrainableHead =
    choice === "linear"
      ? new LinearHead(matrix.columns)
      : new MlpHead(matrix.columns, choice.hidden, { random });
  const validMatrix = options.validation?.features ? toFeatureMatrix(options.validation.features) : matrix;
  const validPairs = options.validation ? toPairSet(options.validation.pairs, validMatrix.rows) : undefined;
  const optimizer = new LazyAdam(head.parameters, {
    learningRate: options.learningRate ?? 0.05,
    l2: options.l2 ?? 0,
  });
  head.train(optimizer);
  const epochs = options.epochs ?? 10;
  const batchSize = Math.max(1, options.batchSize ?? 32);
  const globalMargin = options.margin ?? 0;
  const center = options.centerRewardsCoefficient ?? 0;
  const smoothingCap = 1 - (options.labelSmoothing ?? 0);
  const patience = options.patience ?? 2;
  const order = range(pairs.size);
  const history: EpochRecord[] = [];
  let best = { loss: Number.POSITIVE_INFINITY, epoch: 0, parameters: undefined as Float32Array | undefined };

  for (let epoch = 1; epoch <= epochs; epoch++) {
    const started = performance.now();
    if (options.shuffle !== false) shuffleInPlace(order, random);
    let lossSum = 0;
    let correct = 0;
    for (let start = 0; start < pairs.size; start += batchSize) {
      const end = Math.min(pairs.size, start + batchSize);
      const scale = 1 / (end - start);
      for (let position = start; position < end; position++) {
        const pair = order[position] as number;
        const chosenRow = pairs.chosen[pair] as number;
        const rejectedRow = pairs.rejected[pair] as number;
        const chosen = head.forward(matrix, chosenRow, 0);
        const rejected = head.forward(matrix, rejectedRow, 1);
        const delta = chosen - rejected;
        const lossOptions = {
          margin: globalMargin + (pairs.margin[pair] as number),
          target: Math.min(pairs.target[pair] as number, smoothingCap),
        };
        const weight = (pairs.weight[pair] as number) * scale;
        lossSum += pairLoss(delta, lossOptions);
        if (delta > 0) correct++;
        const gradDelta = pairLossGradient(delta, lossOptions) * weight;
        const gradCenter = center === 0 ? 0 : 2 * center * (chosen + rejected) * scale;
        head.backward(matrix, chosenRow, 0, gradDelta + gradCenter);
        head.backward(matrix, rejectedRow, 1, -gradDelta + gradCenter);
      }
      optimizer.step();
    }
    const record: EpochRecord = {
      epoch,
      trainLoss: lossSum / Math.max(1, pairs.size),
      trainAccuracy: correct / Math.max(1, pairs.size),
      seconds: 0,
    };
    if (validPairs) {
      const evaluation = evaluatePairs(head, validMatrix, validPairs);
      record.validLoss = evaluation.loss;
      record.validAccuracy = evaluation.accuracy;
    }
    record.seconds = (performance.now() - started) / 1000;
    history.push(record);
    options.onEpoch?.(record);
    if (validPairs) {
      if ((record.validLoss as number) < best.loss) {
        best = { loss: record.validLoss as number, epoch, parameters: head.parameters.slice() };
      } else if (epoch - best.epoch >= patience) {
        break;
      }
    }
  }
  if (best.parameters) head.parameters.set(best.parameters);
  const bestEpoch = best.parameters ? best.epoch : history.length;
  return {
    head,
    history,
    bestEpoch,
    score: (features) => scoreRows(head, toFeatureMatrix(features)),
    scoreVector: (vector) => head.score(toFeatureMatrix([vector]), 0),
  };
}

/** Strict accuracy (r_c > r_r, as RewardBench counts) and mean BT loss of a head on pairs. */
export function evaluatePairs(
  head: { score(matrix: FeatureMatrix, row: number): number },
  matrix: FeatureMatrix,
  pairs: PairSet,
): { loss: number; accuracy: number } {
  let loss = 0;
  let correct = 0;
  for (let pair = 0; pair < pairs.size; pair++) {
    const delta =
      head.score(matrix, pairs.chosen[pair] as number) - head.score(matrix, pairs.rejected[pair] as number);
    loss += pairLoss(delta, { target: pairs.target[pair] as number });
    if (delta > 0) correct++;
  }
  return { loss: loss / Math.max(1, pairs.size), accuracy: correct / Math.max(1, pairs.size) };
}

export function scoreRows(
  head: { score(matrix: FeatureMatrix, row: number): number },
  matrix: FeatureMatrix,
): Float32Array {
  const out = new Float32Array(matrix.rows);
  for (let row = 0; row < matrix.rows; row++) out[row] = head.score(matrix, row);
  return out;
}
