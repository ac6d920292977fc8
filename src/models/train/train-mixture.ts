import { sigmoid } from "../../core/index.js";
import type { FeatureMatrix } from "../features/feature-matrix.js";
import { range, seededRandom, shuffleInPlace } from "../random.js";
import { LazyAdam } from "./lazy-adam.js";
import { MixtureModel, mixtureLoss } from "./mixture.js";
import { type FeatureInput, type PairInput, type PairSet, toFeatureMatrix, toPairSet } from "./pair-set.js";

export interface MixtureOptions {
  /** Response features (rows referenced by the pairs). */
  features: FeatureInput;
  /** Prompt features (rows referenced by `promptRows`); absent = a static mixture. */
  promptFeatures?: FeatureInput | undefined;
  pairs: readonly PairInput[] | PairSet;
  /** For each pair, its prompt's row in `promptFeatures`. */
  promptRows?: ArrayLike<number> | undefined;
  heads: number;
  /** λ of the load-balance term (MiCRo run.sh: 0.5). */
  loadBalance?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
}

/** Trains a MiCRo mixture of BT heads with a prompt router (stage 1) by minibatch Adam. */
export function trainMixture(options: MixtureOptions): MixtureModel {
  const responses = toFeatureMatrix(options.features);
  const prompts = options.promptFeatures ? toFeatureMatrix(options.promptFeatures) : undefined;
  const pairs = toPairSet(options.pairs, responses.rows);
  const heads = options.heads;
  const model = new MixtureModel(heads, responses.columns, prompts?.columns ?? 0);
  const random = seededRandom(options.seed ?? 0);
  // Heads start apart (symmetric heads would stay identical); the router starts uniform.
  for (let index = 0; index < model.routerOffset; index++) model.parameters[index] = random.normal() * 0.1;
  const optimizer = new LazyAdam(model.parameters, { learningRate: options.learningRate ?? 0.02 });
  const lambda = options.loadBalance ?? 0;
  const batchSize = options.batchSize ?? 32;
  const order = range(pairs.size);
  const chosen = new Float64Array(heads);
  const rejected = new Float64Array(heads);
  const deltas = new Float64Array(heads);
  const routing = new Float64Array(heads);
  const gradDelta = new Float64Array(heads);
  const gradLogit = new Float64Array(heads);
  const negated = new Float64Array(heads);
  const target = { model, optimizer };
  for (let epoch = 0; epoch < (options.epochs ?? 10); epoch++) {
    shuffleInPlace(order, random);
    for (let start = 0; start < pairs.size; start += batchSize) {
      const end = Math.min(pairs.size, start + batchSize);
      const scale = 1 / (end - start);
      for (let position = start; position < end; position++) {
        const pair = order[position] as number;
        const chosenRow = pairs.chosen[pair] as number;
        const rejectedRow = pairs.rejected[pair] as number;
        const promptRow = options.promptRows ? (options.promptRows[pair] as number) : 0;
        model.headRewards(responses, chosenRow, chosen);
        model.headRewards(responses, rejectedRow, rejected);
        for (let head = 0; head < heads; head++)
          deltas[head] = (chosen[head] as number) - (rejected[head] as number);
        model.routing(prompts, promptRow, routing);
        const { probability } = mixtureLoss(routing, deltas);
        const safe = Math.max(probability, 1e-12);
        let weighted = 0;
        for (let head = 0; head < heads; head++) {
          const weight = routing[head] as number;
          const s = sigmoid(deltas[head] as number);
          gradDelta[head] = (-weight * s * (1 - s)) / safe;
          // dL/dπ_k, then through the softmax below.
          gradLogit[head] = -s / safe + lambda * (Math.log(Math.max(weight, 1e-300)) + 1);
          weighted += weight * (gradLogit[head] as number);
        }
        for (let head = 0; head < heads; head++) {
          gradLogit[head] = (routing[head] as number) * ((gradLogit[head] as number) - weighted) * scale;
          gradDelta[head] = (gradDelta[head] as number) * scale;
        }
        addHeadGradient(target, responses, chosenRow, gradDelta);
        for (let head = 0; head < heads; head++) negated[head] = -(gradDelta[head] as number);
        addHeadGradient(target, responses, rejectedRow, negated);
        for (let head = 0; head < heads; head++)
          optimizer.add(model.biasOffset + head, gradLogit[head] as number);
        if (prompts && model.promptColumns > 0) {
          for (
            let entry = prompts.indptr[promptRow] as number, stop = prompts.indptr[promptRow + 1] as number;
            entry < stop;
            entry++
          ) {
            const value = prompts.values[entry] as number;
            const base = model.routerOffset + (prompts.indices[entry] as number) * heads;
            for (let head = 0; head < heads; head++)
              optimizer.add(base + head, value * (gradLogit[head] as number));
          }
        }
      }
      optimizer.step();
    }
  }
  return model;
}

function addHeadGradient(
  target: { model: MixtureModel; optimizer: LazyAdam },
  matrix: FeatureMatrix,
  row: number,
  gradDelta: Float64Array,
): void {
  const { model, optimizer } = target;
  const heads = model.heads;
  for (
    let entry = matrix.indptr[row] as number, end = matrix.indptr[row + 1] as number;
    entry < end;
    entry++
  ) {
    const value = matrix.values[entry] as number;
    const base = (matrix.indices[entry] as number) * heads;
    for (let head = 0; head < heads; head++) optimizer.add(base + head, value * (gradDelta[head] as number));
  }
}
