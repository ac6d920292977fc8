import type { Environment } from "../environment.js";

/** The number of actions of a discrete action space (agents here need one). */
export function actionCount(environment: Pick<Environment<unknown, number>, "id" | "actionSpace">): number {
  const space = environment.actionSpace;
  if (space.kind !== "discrete")
    throw new TypeError(
      `environment "${environment.id}": agents need a discrete action space, got "${space.kind}"`,
    );
  return space.n;
}

/** Reads observations as feature vectors of a fixed length (neural agents). */
export interface FeatureReader<Observation> {
  readonly size: number;
  read(observation: Observation): Float64Array;
}

/**
 * The environment's `observationFeatures`, with the length its observation space promises (`box`
 * size, or `n` for a one-hot `discrete` space); a vector of another length is an error naming both.
 */
export function featureReader<Observation>(
  environment: Environment<Observation, number>,
): FeatureReader<Observation> {
  const features = environment.observationFeatures?.bind(environment);
  if (!features)
    throw new TypeError(
      `environment "${environment.id}": neural agents need observationFeatures, which it lacks`,
    );
  const space = environment.observationSpace;
  const size = space.kind === "box" ? space.size : space.kind === "discrete" ? space.n : undefined;
  if (size === undefined)
    throw new TypeError(
      `environment "${environment.id}": neural agents need a box or discrete observation space`,
    );
  return {
    size,
    read(observation) {
      const vector = features(observation);
      if (vector.length !== size)
        throw new RangeError(
          `environment "${environment.id}": observationFeatures gave ${vector.length} numbers, the observation space says ${size}`,
        );
      return vector;
    },
  };
}

/** Rows of feature vectors as one row-major batch. */
export function stackRows(rows: readonly Float64Array[], size: number): Float64Array {
  const out = new Float64Array(rows.length * size);
  rows.forEach((row, index) => {
    out.set(row, index * size);
  });
  return out;
}
