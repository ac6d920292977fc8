import {
  addRowVector,
  backward,
  leakyRelu,
  log,
  logSigmoidOf,
  matmul,
  multiply,
  normalizeRows,
  scale,
  softmaxRows,
  subtract,
  sumAll,
  Tensor,
  transpose,
} from "../autograd/index.js";
import { seededRandom } from "../random.js";
import { type AccumulatingAdam, accumulatingAdam } from "./dense-adam.js";

/** A one-hidden-layer reward model over dense features: r(x) = w₂·LeakyReLU(W₁x + b₁) + b₂. */
export interface ContrastiveRewardModel {
  /** The reward of one feature vector. */
  score(vector: ArrayLike<number>): number;
  /** The hidden representation h(x) the contrastive term shapes. */
  represent(vector: ArrayLike<number>): Float64Array;
}

export interface ContrastiveOptions {
  /** Dense feature vectors, one per response. */
  features: readonly ArrayLike<number>[];
  pairs: readonly { chosen: number; rejected: number }[];
  hidden?: number;
  /** β_cl: weight of the contrastive term (methods doc default 0.1; 0 is plain BT). */
  contrastiveWeight?: number;
  /** τ of InfoNCE (SimCSE's 0.05). */
  temperature?: number;
  /** Dropout rate that makes the two views (SimCSE's 0.1). */
  dropout?: number;
  epochs?: number;
  batchSize?: number;
  learningRate?: number;
  seed?: number;
}

function matrix(vectors: readonly ArrayLike<number>[], width: number): Tensor {
  const data = new Float64Array(vectors.length * width);
  vectors.forEach((vector, row) => {
    for (let column = 0; column < width; column++) data[row * width + column] = vector[column] as number;
  });
  return new Tensor(data, vectors.length, width);
}

/**
 * Secrets of RLHF Part II's contrastive reward modelling (Wang et al. 2024, §1.4 of rm-rl.md; the
 * contrastive details are [UNCONFIRMED], reconstructed as the methods doc advises): the BT loss plus
 * β_cl·InfoNCE (SimCSE) over the difference representation h(chosen) − h(rejected). Two dropout views
 * of each pair's difference are positives of each other; the other pairs of the batch are the
 * negatives. SwAV is not implemented.
 */
export function trainContrastiveRewardModel(options: ContrastiveOptions): ContrastiveRewardModel {
  const random = seededRandom(options.seed ?? 0);
  const width = options.features[0]?.length ?? 0;
  const hidden = options.hidden ?? 32;
  const parameter = (rows: number, columns: number, std: number) =>
    new Tensor(
      Float64Array.from({ length: rows * columns }, () => std * random.normal()),
      rows,
      columns,
      { isParameter: true },
    );
  const first = parameter(width, hidden, Math.sqrt(2 / Math.max(1, width)));
  const firstBias = parameter(1, hidden, 0);
  const second = parameter(hidden, 1, Math.sqrt(1 / hidden));
  const secondBias = parameter(1, 1, 0);
  const parameters = [first, firstBias, second, secondBias];
  const optimizers = parameters.map((tensor) =>
    accumulatingAdam(tensor.data, { learningRate: options.learningRate ?? 0.01 }),
  );
  const weight = options.contrastiveWeight ?? 0.1;
  const temperature = options.temperature ?? 0.05;
  const dropout = options.dropout ?? 0.1;
  const batchSize = Math.max(2, options.batchSize ?? 32);
  const order = options.pairs.map((_, index) => index);
  const represent = (inputs: Tensor) => leakyRelu(addRowVector(matmul(inputs, first), firstBias), 0.01);
  const mask = (rows: number) =>
    new Tensor(
      Float64Array.from({ length: rows * hidden }, () => (random.next() < dropout ? 0 : 1 / (1 - dropout))),
      rows,
      hidden,
    );
  for (let epoch = 0; epoch < (options.epochs ?? 20); epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const swap = random.int(index + 1);
      [order[index], order[swap]] = [order[swap] as number, order[index] as number];
    }
    for (let start = 0; start < order.length; start += batchSize) {
      const batch = order
        .slice(start, start + batchSize)
        .map((at) => options.pairs[at] as { chosen: number; rejected: number });
      const size = batch.length;
      const chosen = represent(
        matrix(
          batch.map((pair) => options.features[pair.chosen] as ArrayLike<number>),
          width,
        ),
      );
      const rejected = represent(
        matrix(
          batch.map((pair) => options.features[pair.rejected] as ArrayLike<number>),
          width,
        ),
      );
      // View one (also what the BT loss reads) and view two: independent dropout masks.
      const viewOne = subtract(multiply(chosen, mask(size)), multiply(rejected, mask(size)));
      const viewTwo = subtract(multiply(chosen, mask(size)), multiply(rejected, mask(size)));
      const margins = matmul(viewOne, second);
      let loss = scale(sumAll(logSigmoidOf(margins)), -1 / size);
      if (weight > 0 && size > 1) {
        const similarities = scale(
          matmul(normalizeRows(viewOne, 1), transpose(normalizeRows(viewTwo, 1))),
          1 / temperature,
        );
        const identity = new Tensor(
          Float64Array.from({ length: size * size }, (_, at) => (at % (size + 1) === 0 ? 1 : 0)),
          size,
          size,
        );
        const infoNce = scale(sumAll(multiply(log(softmaxRows(similarities)), identity)), -1 / size);
        loss = subtract(loss, scale(infoNce, -weight));
      }
      backward(loss);
      parameters.forEach((tensor, at) => {
        const optimizer = optimizers[at] as AccumulatingAdam;
        optimizer.gradient.set(tensor.grad ?? new Float64Array(tensor.data.length));
        optimizer.step();
        tensor.grad?.fill(0);
      });
    }
  }
  const hiddenOf = (vector: ArrayLike<number>) => represent(matrix([vector], width)).data;
  return {
    represent: (vector) => Float64Array.from(hiddenOf(vector)),
    score(vector) {
      const h = hiddenOf(vector);
      let total = secondBias.data[0] as number;
      for (let unit = 0; unit < hidden; unit++) total += (h[unit] as number) * (second.data[unit] as number);
      return total;
    },
  };
}
