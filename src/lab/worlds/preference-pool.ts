import { sigmoid } from "../../core/index.js";
import { openRows } from "../../io/index.js";
import { denseMatrix, type FeatureMatrix, TextFeaturizer } from "../../models/index.js";
import { type PoolPair, readPairs } from "../../preference/index.js";
import type { LabRandom } from "../random.js";

/**
 * A labelled preference pool for active learning: feature rows of responses, comparisons between
 * them with the held label (the simulated labeller answers with it), and a held-out test set.
 */
export interface PreferencePool {
  source: string;
  features: FeatureMatrix;
  /**
   * Comparisons; `truth` is the held label (+1 when a was preferred), `gold` the noiseless
   * preference where the world knows it (synthetic), else the held label again.
   */
  pairs: (PoolPair & { truth: 1 | -1; gold: 1 | -1 })[];
}

/**
 * HH-RLHF-style pairs from a file (any format `train-rm` reads), featurized by the hand features
 * (length, format markers, refusals: 16 dense columns). Each pair's sides are shuffled so the
 * order says nothing about the label.
 */
export async function filePreferencePool(file: string, random: LabRandom): Promise<PreferencePool> {
  const read = await readPairs(await openRows(file), { label: file });
  if (read.pairs.length < 50) {
    throw new RangeError(
      `${file}: ${read.pairs.length} usable preference pairs; active-preferences needs at least 50`,
    );
  }
  const text = (value: unknown) => (typeof value === "string" ? value : JSON.stringify(value));
  const featurizer = new TextFeaturizer({ hashed: null, hand: true });
  const features = featurizer.featurize(
    read.pairs.flatMap((pair) => [
      { prompt: text(pair.prompt), response: text(pair.chosen) },
      { prompt: text(pair.prompt), response: text(pair.rejected) },
    ]),
  );
  const pairs = read.pairs.map((_, index) =>
    random.next() < 0.5
      ? { a: 2 * index, b: 2 * index + 1, truth: 1 as const, gold: 1 as const }
      : { a: 2 * index + 1, b: 2 * index, truth: -1 as const, gold: -1 as const },
  );
  return { source: file, features, pairs };
}

/**
 * A synthetic pool: responses are 16-dimensional feature vectors, a hidden linear reward (with
 * few strong directions) decides preferences through a Bradley–Terry labeller of sharpness
 * `sharpness`, drawn once and held.
 */
export function syntheticPreferencePool(input: {
  pairs: number;
  dimensions: number;
  sharpness: number;
  random: LabRandom;
}): PreferencePool {
  const { random } = input;
  const hidden = Float64Array.from(
    { length: input.dimensions },
    (_, index) => (index < 4 ? 1 : 0.25) * random.normal(),
  );
  const rows: Float64Array[] = [];
  const pairs = Array.from({ length: input.pairs }, (_, index) => {
    const a = Float64Array.from({ length: input.dimensions }, () => random.normal());
    const b = Float64Array.from({ length: input.dimensions }, () => random.normal());
    rows.push(a, b);
    const gap = a.reduce((sum, value, at) => sum + (value - (b[at] as number)) * (hidden[at] as number), 0);
    const preferA = random.next() < sigmoid(input.sharpness * gap);
    return {
      a: 2 * index,
      b: 2 * index + 1,
      truth: (preferA ? 1 : -1) as 1 | -1,
      gold: (gap > 0 ? 1 : -1) as 1 | -1,
    };
  });
  return { source: "synthetic", features: denseMatrix(rows), pairs };
}
