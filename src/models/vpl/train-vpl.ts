import {
  add,
  backward,
  exp,
  logSigmoidOf,
  scale,
  square,
  subtract,
  sumAll,
  Tensor,
} from "../autograd/index.js";
import { seededRandom } from "../random.js";
import { DenseAdam } from "../train/dense-adam.js";
import { annealSlope } from "./vpl-math.js";
import { VplModel, type VplShape } from "./vpl-model.js";

/** One user's data for VPL training: embeddings of their chosen and rejected responses. */
export interface VplUser {
  chosen: Float64Array[];
  rejected: Float64Array[];
}

export interface VplTrainOptions {
  users: readonly VplUser[];
  shape: VplShape;
  steps?: number;
  usersPerStep?: number;
  contextSize?: number;
  targetSize?: number;
  learningRate?: number;
  /** kl_loss_weight (code default 0.01). */
  klWeight?: number;
  klForm?: "code" | "standard";
  annealing?: { period: number; baseline: number } | false;
  /** ε is scaled by this before use (the code multiplies by 1e-3). */
  noiseScale?: number;
  seed?: number;
}

function rows(vectors: readonly Float64Array[], dimension: number): Tensor {
  const data = new Float64Array(vectors.length * dimension);
  for (const [row, vector] of vectors.entries()) data.set(vector, row * dimension);
  return new Tensor(data, vectors.length, dimension);
}

/** Trains VPL on users' pairs with the ELBO: BT reconstruction + annealed, weighted KL. */
export function trainVpl(options: VplTrainOptions): VplModel {
  const random = seededRandom(options.seed ?? 0);
  const model = new VplModel(options.shape, { random });
  const parameters = Object.values(model.parameters);
  const adam = new DenseAdam(
    parameters.map((parameter) => parameter.data),
    { learningRate: options.learningRate ?? 3e-3 },
  );
  const steps = options.steps ?? 1000;
  const klWeight = options.klWeight ?? 0.01;
  const contextSize = options.contextSize ?? 8;
  const targetSize = options.targetSize ?? 8;
  const { embedDim } = options.shape;
  for (let step = 0; step < steps; step++) {
    const losses: Tensor[] = [];
    for (let count = 0; count < (options.usersPerStep ?? 4); count++) {
      const user = options.users[random.int(options.users.length)] as VplUser;
      const pick = (size: number) => Array.from({ length: size }, () => random.int(user.chosen.length));
      const context = pick(contextSize);
      const targets = pick(targetSize);
      const posterior = model.encode(
        rows(
          context.map((at) => user.chosen[at] as Float64Array),
          embedDim,
        ),
        rows(
          context.map((at) => user.rejected[at] as Float64Array),
          embedDim,
        ),
      );
      const z = model.latent(posterior, { random, scale: options.noiseScale ?? 1e-3 });
      const chosen = model.reward(
        rows(
          targets.map((at) => user.chosen[at] as Float64Array),
          embedDim,
        ),
        z,
      );
      const rejected = model.reward(
        rows(
          targets.map((at) => user.rejected[at] as Float64Array),
          embedDim,
        ),
        z,
      );
      const reconstruction = scale(sumAll(logSigmoidOf(subtract(chosen, rejected))), -1 / targetSize);
      const klTerms = sumAll(
        subtract(
          subtract(exp(posterior.logVariance), posterior.logVariance),
          Tensor.from(1, options.shape.latentDim, new Array(options.shape.latentDim).fill(1)),
        ),
      );
      const kl = add(klTerms, sumAll(square(posterior.mean)));
      const klScale =
        (options.klForm === "standard" ? 0.5 : 1) *
        klWeight *
        (options.annealing === false ? 1 : annealSlope(step, options.annealing ?? {}));
      losses.push(add(reconstruction, scale(kl, klScale)));
    }
    let total = losses[0] as Tensor;
    for (const loss of losses.slice(1)) total = add(total, loss);
    backward(scale(total, 1 / losses.length));
    adam.step(parameters.map((parameter) => parameter.grad));
    for (const parameter of parameters) parameter.grad?.fill(0);
  }
  return model;
}

/** Infers a user's latent from their context pairs (no sampling) and scores responses. */
export function vplRewards(
  model: VplModel,
  context: VplUser,
  responses: readonly Float64Array[],
): Float64Array {
  const { embedDim } = model.shape;
  const z = model.latent(model.encode(rows(context.chosen, embedDim), rows(context.rejected, embedDim)));
  return Float64Array.from(model.reward(rows(responses, embedDim), z).data);
}
