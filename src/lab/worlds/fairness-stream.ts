import type { LabRandom } from "../random.js";

/** One example of the stream: features, label, sensitive attribute. */
export interface FairExample {
  x: Float64Array;
  label: 0 | 1;
  group: 0 | 1;
}

/**
 * A simulator with a sensitive attribute (reconstructed stand-in for Adult/COMPAS): group 1's first
 * `shifted` features are shifted by `shift`, and the label depends on those features, so the base
 * rates differ by group and an accurate model is unfair by demographic parity.
 */
export function fairnessStream(input: {
  count: number;
  dimensions: number;
  shifted: number;
  shift: number;
  groupShare: number;
  labelNoise: number;
  random: LabRandom;
  weights: Float64Array;
}): FairExample[] {
  const { random } = input;
  return Array.from({ length: input.count }, () => {
    const group = (random.next() < input.groupShare ? 1 : 0) as 0 | 1;
    const x = Float64Array.from(
      { length: input.dimensions },
      (_, index) => random.normal() + (index < input.shifted ? input.shift * group : 0),
    );
    const score =
      x.reduce((sum, value, index) => sum + value * (input.weights[index] as number), 0) +
      input.labelNoise * random.normal();
    return { x, label: score > 0.5 ? 1 : 0, group };
  });
}

/**
 * Weights of the hidden labelling rule: the group-shifted features carry `shiftedWeight`, the
 * others 1 (each times a random factor in [0.5, 1.5)). A small shifted weight makes a model that
 * leans on them unfair while they add little accuracy.
 */
export function fairnessWeights(
  dimensions: number,
  shifted: number,
  shiftedWeight: number,
  random: LabRandom,
): Float64Array {
  return Float64Array.from(
    { length: dimensions },
    (_, index) => (index < shifted ? shiftedWeight : 1) * (0.5 + random.next()),
  );
}

/** |P(ŷ = 1 | a = 1) − P(ŷ = 1 | a = 0)|; with `label`, among examples of that true label (equalized odds' parts). */
export function positiveRateGap(
  examples: readonly FairExample[],
  predictions: readonly number[],
  label?: 0 | 1,
): number {
  const rate = (group: 0 | 1) => {
    const members = examples.flatMap((example, index) =>
      example.group === group && (label === undefined || example.label === label)
        ? [predictions[index] as number]
        : [],
    );
    return members.reduce((sum, value) => sum + value, 0) / Math.max(1, members.length);
  };
  return Math.abs(rate(1) - rate(0));
}
