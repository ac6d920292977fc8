/** A behaviour descriptor: a point in behaviour space. */
export type Descriptor = readonly number[];

function distance(a: Descriptor, b: Descriptor): number {
  let sum = 0;
  for (let index = 0; index < a.length; index++) {
    const difference = (a[index] as number) - (b[index] as number);
    sum += difference * difference;
  }
  return Math.sqrt(sum);
}

/**
 * Novelty search's novelty (Lehman & Stanley 2011; SERENE's `calculate_novelties`, methods doc
 * §20.1): the mean Euclidean distance from a descriptor to its k nearest neighbours in the reference
 * set (population + offspring + archive). The reference set holds the descriptor itself, so its own
 * zero distance is skipped: pass `includesSelf: false` when it does not.
 */
export function novelty(
  descriptor: Descriptor,
  reference: readonly Descriptor[],
  options: { k: number; includesSelf?: boolean },
): number {
  if (!Number.isInteger(options.k) || options.k < 1)
    throw new RangeError(`k must be a positive integer, got ${options.k}`);
  const distances = reference.map((other) => {
    if (other.length !== descriptor.length)
      throw new RangeError(`descriptors differ in length: ${other.length} and ${descriptor.length}`);
    return distance(descriptor, other);
  });
  distances.sort((a, b) => a - b);
  const skip = options.includesSelf === false ? 0 : 1;
  const neighbours = distances.slice(skip, skip + options.k);
  if (neighbours.length === 0) return 0;
  return neighbours.reduce((sum, value) => sum + value, 0) / neighbours.length;
}

/** The novelty of each descriptor against the same reference set (which holds them all). */
export function novelties(
  descriptors: readonly Descriptor[],
  reference: readonly Descriptor[],
  k: number,
): number[] {
  return descriptors.map((descriptor) => novelty(descriptor, reference, { k }));
}
