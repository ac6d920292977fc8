import { type BradleyTerryModel, type HeadChoice, trainBradleyTerry } from "../train/bradley-terry.js";

/** Which comparison features the discriminator reads (see `polarPairFeatures`). */
export type PolarFeatures = "distance" | "product-and-distance";

/**
 * What POLAR's discriminator sees of a (reference, candidate) pair of response vectors:
 * `distance` — (reference − candidate)², a learned diagonal metric (r = c − Σ bᵢ·(refᵢ − candᵢ)²
 * under a linear head), invariant to anything reference and candidate share (the prompt);
 * `product-and-distance` — also reference ⊙ candidate (a learned similarity, as for embeddings),
 * which can prefer candidates that overshoot the reference along its own direction. Terms of the
 * reference alone would cancel in every comparison, so they are left out.
 */
export function polarPairFeatures(
  reference: ArrayLike<number>,
  candidate: ArrayLike<number>,
  features: PolarFeatures = "product-and-distance",
): Float64Array {
  if (reference.length !== candidate.length) {
    throw new RangeError(
      `polarPairFeatures: reference has ${reference.length} dimensions, candidate ${candidate.length}`,
    );
  }
  const size = reference.length;
  const withProduct = features === "product-and-distance";
  const out = new Float64Array(withProduct ? 2 * size : size);
  for (let index = 0; index < size; index++) {
    const r = reference[index] as number;
    const c = candidate[index] as number;
    if (withProduct) {
      out[index] = (r - c) ** 2;
      out[size + index] = r * c;
    } else out[index] = (r - c) ** 2;
  }
  return out;
}

/** One training comparison: given the reference, `chosen` should score above `rejected`. */
export interface PolarTriplet {
  reference: ArrayLike<number>;
  chosen: ArrayLike<number>;
  rejected: ArrayLike<number>;
}

/** A trained policy discriminator: the reward of a candidate given a reference trajectory. */
export interface PolarModel {
  score(reference: ArrayLike<number>, candidate: ArrayLike<number>): number;
  readonly bradleyTerry: BradleyTerryModel;
}

/**
 * POLAR (Dou et al. 2025; rm-rl.md §9): a reward model trained to tell whether a candidate comes
 * from the same policy as the reference. Pre-training triplets are (τ_A1, τ_A2, τ_B1) — reference
 * and positive from policy A, negative from another policy B — with the Bradley–Terry loss
 * −log σ(r(ref, pos) − r(ref, neg)); fine-tuning uses (reference, chosen, rejected) the same way.
 * Here over dense response vectors (the lab's synthetic policies, or embeddings), trained with the
 * library's Bradley–Terry trainer on `polarPairFeatures` (reconstructed at this scale: the paper's
 * RM is an LLM reading both texts).
 * @example
 * const model = trainPolar({ triplets });
 * model.score(referenceVector, candidateVector); // higher: more like the reference's policy
 */
export function trainPolar(options: {
  triplets: readonly PolarTriplet[];
  head?: HeadChoice;
  features?: PolarFeatures;
  epochs?: number;
  learningRate?: number;
  batchSize?: number;
  l2?: number;
  seed?: number;
}): PolarModel {
  const kind = options.features ?? "product-and-distance";
  const features: Float64Array[] = [];
  const pairs = options.triplets.map((triplet) => {
    features.push(polarPairFeatures(triplet.reference, triplet.chosen, kind));
    features.push(polarPairFeatures(triplet.reference, triplet.rejected, kind));
    return { chosen: features.length - 2, rejected: features.length - 1 };
  });
  const bradleyTerry = trainBradleyTerry({
    features,
    pairs,
    head: options.head ?? "linear",
    epochs: options.epochs ?? 10,
    learningRate: options.learningRate ?? 0.05,
    batchSize: options.batchSize ?? 32,
    l2: options.l2 ?? 0,
    seed: options.seed ?? 0,
  });
  return {
    bradleyTerry,
    score: (reference, candidate) => bradleyTerry.scoreVector(polarPairFeatures(reference, candidate, kind)),
  };
}
