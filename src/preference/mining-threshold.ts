import {
  evaluatePairs,
  type FeaturizerInput,
  TextFeaturizer,
  toPairSet,
  trainBradleyTerry,
} from "../models/index.js";
import {
  type EngagementPairOptions,
  pairsFromEngagement,
  type ScoredResponse,
} from "./formats/grouped-pairs.js";
import type { PreferencePair } from "./pair.js";

/** One candidate mining rule and how the reward model trained on its pairs did. */
export interface ThresholdTrial {
  minEngagement: number;
  minRatio: number;
  pairs: number;
  accuracy: number;
}

/**
 * Social Reward's mining threshold, chosen on held-out judgements (reconstructed: the paper mines
 * pairs from community engagement with thresholds it does not publish): for every candidate
 * (minEngagement, minRatio), mine pairs from `items`, train a Bradley–Terry RM on them, and score
 * it on `validation` pairs (e.g. a small set of explicit human judgements). Looser thresholds give
 * more but noisier pairs, stricter ones fewer but cleaner; the best validation accuracy wins (ties
 * go to the candidate with more pairs). Candidates mining fewer than `minPairs` are skipped.
 */
export function chooseMiningThreshold(input: {
  items: readonly ScoredResponse[];
  validation: readonly PreferencePair[];
  candidates: readonly Pick<EngagementPairOptions, "minEngagement" | "minRatio">[];
  featurizer?: FeaturizerInput;
  minPairs?: number;
  epochs?: number;
  seed?: number;
}): { best: ThresholdTrial; trials: ThresholdTrial[] } {
  const featurizer = new TextFeaturizer(input.featurizer ?? {});
  const texts = (pairs: readonly PreferencePair[]) =>
    pairs.flatMap((pair) => [
      { prompt: pair.prompt, response: pair.chosen },
      { prompt: pair.prompt, response: pair.rejected },
    ]);
  const indexPairs = (count: number) =>
    Array.from({ length: count }, (_, index) => ({ chosen: 2 * index, rejected: 2 * index + 1 }));
  const validationMatrix = featurizer.featurize(texts(input.validation));
  const validationPairs = toPairSet(indexPairs(input.validation.length), validationMatrix.rows);
  const trials: ThresholdTrial[] = [];
  for (const candidate of input.candidates) {
    const minEngagement = candidate.minEngagement ?? 1;
    const minRatio = candidate.minRatio ?? 2;
    const mined = pairsFromEngagement(input.items, { minEngagement, minRatio, marginScale: 0 });
    if (mined.length < (input.minPairs ?? 10)) continue;
    const model = trainBradleyTerry({
      features: featurizer.featurize(texts(mined)),
      pairs: indexPairs(mined.length),
      epochs: input.epochs ?? 10,
      seed: input.seed ?? 0,
    });
    const { accuracy } = evaluatePairs(model.head, validationMatrix, validationPairs);
    trials.push({ minEngagement, minRatio, pairs: mined.length, accuracy });
  }
  const best = [...trials].sort((a, b) => b.accuracy - a.accuracy || b.pairs - a.pairs)[0];
  if (!best) throw new RangeError("chooseMiningThreshold: no candidate mined enough pairs");
  return { best, trials };
}
