import { DenseAdam } from "../../models/index.js";
import type { LabRandom } from "../random.js";
import type { LabelledPair } from "../worlds/preferences.js";
import type { SoftmaxPolicy } from "./softmax-policy.js";

export interface DpoSettings {
  /** DPO's β: the implicit reward is β·log π/π_ref, so smaller β allows a larger KL. */
  beta: number;
  epochs: number;
  batchSize: number;
  learningRate: number;
  random: LabRandom;
  /** Called after every `evaluateEvery` minibatches (and at the start and end) with the epochs done. */
  evaluateEvery: number;
  evaluate: (epochs: number) => void;
}

/**
 * Direct Preference Optimization (Rafailov et al. 2023) of a softmax policy whose logits are the
 * base log-probabilities plus shared weights over candidate features: minimizes
 * −log σ(β·[(log π(y_w) − log π_ref(y_w)) − (log π(y_l) − log π_ref(y_l))]) over the labelled pairs
 * with Adam. The softmax normalizer cancels in the difference, so the gradient with respect to the
 * logits is β·σ(−h) on the chosen and −β·σ(−h) on the rejected candidate.
 */
export function trainDpo(policy: SoftmaxPolicy, pairs: readonly LabelledPair[], settings: DpoSettings): void {
  const shared = policy.shared;
  if (!shared) throw new RangeError("DPO in the lab trains the shared (feature) weights of a policy");
  const optimizer = new DenseAdam([shared], { learningRate: settings.learningRate, maximize: true });
  const order = pairs.map((_, index) => index);
  const batchesPerEpoch = Math.ceil(pairs.length / settings.batchSize);
  settings.evaluate(0);
  let batches = 0;
  for (let epoch = 0; epoch < settings.epochs; epoch++) {
    for (let index = order.length - 1; index > 0; index--) {
      const other = settings.random.int(index + 1);
      [order[index], order[other]] = [order[other] as number, order[index] as number];
    }
    for (let start = 0; start < order.length; start += settings.batchSize) {
      const batch = order
        .slice(start, start + settings.batchSize)
        .map((index) => pairs[index] as LabelledPair);
      const logitGradient = dpoLogitGradient(policy, batch, settings.beta);
      optimizer.step([policy.featureGradient(logitGradient)]);
      policy.invalidate();
      batches++;
      if (batches % settings.evaluateEvery === 0 && batches % batchesPerEpoch !== 0)
        settings.evaluate(batches / batchesPerEpoch);
    }
    settings.evaluate(epoch + 1);
  }
}

/** The implicit reward margin h = β·[(log π(w) − log π_ref(w)) − (log π(l) − log π_ref(l))]. */
function margin(policy: SoftmaxPolicy, pair: LabelledPair, beta: number): number {
  const log = policy.logProbabilities();
  const base = policy.baseLogProbabilities;
  return (
    beta *
    ((log[pair.chosen] as number) -
      (base[pair.chosen] as number) -
      ((log[pair.rejected] as number) - (base[pair.rejected] as number)))
  );
}

/** DPO's loss, mean over the pairs of −log σ(h). */
export function dpoLoss(policy: SoftmaxPolicy, pairs: readonly LabelledPair[], beta: number): number {
  let total = 0;
  for (const pair of pairs) total += Math.log1p(Math.exp(-margin(policy, pair, beta)));
  return total / pairs.length;
}

/** The descent direction of {@link dpoLoss} with respect to every logit (−∂loss/∂logit). */
export function dpoLogitGradient(
  policy: SoftmaxPolicy,
  pairs: readonly LabelledPair[],
  beta: number,
): Float64Array {
  const gradient = new Float64Array(policy.prompts * policy.candidates);
  for (const pair of pairs) {
    const weight = beta / (1 + Math.exp(margin(policy, pair, beta))) / pairs.length;
    gradient[pair.chosen] = (gradient[pair.chosen] as number) + weight;
    gradient[pair.rejected] = (gradient[pair.rejected] as number) - weight;
  }
  return gradient;
}
