/** The hypergrid's reward constants (Bengio et al. 2021). */
export interface HypergridShape {
  dimension: number;
  side: number;
  r0: number;
  r1: number;
  r2: number;
}

/**
 * R(x) = R0 + R1·Π_d 1[0.25 < |x_d/(H−1) − 0.5|] + R2·Π_d 1[0.3 < |x_d/(H−1) − 0.5| < 0.4]
 * (Flow Network based Generative Models, Bengio et al. 2021 §4.1; torchgfn's HyperGrid "original"
 * reward): a small floor everywhere, a plateau near every corner and a high ring inside each plateau —
 * 2^D modes for a sampler to find.
 */
export function hypergridReward(coordinates: ArrayLike<number>, shape: HypergridShape): number {
  let outer = 1;
  let ring = 1;
  for (let index = 0; index < shape.dimension; index++) {
    const offset = Math.abs((coordinates[index] as number) / (shape.side - 1) - 0.5);
    if (!(offset > 0.25)) outer = 0;
    if (!(offset > 0.3 && offset < 0.4)) ring = 0;
  }
  return shape.r0 + shape.r1 * outer + shape.r2 * ring;
}

/** A state's index among all H^D states: Σ_d x_d·H^d. */
export function hypergridIndex(coordinates: ArrayLike<number>, side: number): number {
  let index = 0;
  let scale = 1;
  for (let position = 0; position < coordinates.length; position++) {
    index += (coordinates[position] as number) * scale;
    scale *= side;
  }
  return index;
}

/** The coordinates of a state's index (inverse of `hypergridIndex`). */
export function hypergridCoordinates(
  index: number,
  shape: Pick<HypergridShape, "dimension" | "side">,
): Int32Array {
  const coordinates = new Int32Array(shape.dimension);
  let rest = index;
  for (let position = 0; position < shape.dimension; position++) {
    coordinates[position] = rest % shape.side;
    rest = Math.floor(rest / shape.side);
  }
  return coordinates;
}

/**
 * The target of a GFlowNet on the hypergrid: R(x)/Z over all H^D states (every state can be a
 * terminal one), by index. The L1 distance between a sampler's empirical distribution and this one is
 * the papers' measure; `modes` lists the states with the highest reward.
 */
export function hypergridDistribution(shape: HypergridShape): {
  probabilities: Float64Array;
  modes: number[];
  logPartition: number;
} {
  const count = shape.side ** shape.dimension;
  const probabilities = new Float64Array(count);
  let total = 0;
  let best = Number.NEGATIVE_INFINITY;
  for (let index = 0; index < count; index++) {
    const reward = hypergridReward(hypergridCoordinates(index, shape), shape);
    probabilities[index] = reward;
    total += reward;
    best = Math.max(best, reward);
  }
  const modes: number[] = [];
  for (let index = 0; index < count; index++) {
    if (probabilities[index] === best) modes.push(index);
    probabilities[index] = (probabilities[index] as number) / total;
  }
  return { probabilities, modes, logPartition: Math.log(total) };
}
