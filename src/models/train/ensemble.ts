import { seededRandom } from "../random.js";
import { type BradleyTerryModel, type BradleyTerryOptions, trainBradleyTerry } from "./bradley-terry.js";
import { subsetPairs, toFeatureMatrix, toPairSet } from "./pair-set.js";

export interface EnsembleOptions extends BradleyTerryOptions {
  /** How many members (Secrets of RLHF II votes with 10). */
  members: number;
  /**
   * `seed`: same data, each member its own seed (initialisation and data order — the paper's
   * "randomized training order"); `bootstrap`: each member also draws its pairs with replacement.
   */
  diversity?: "seed" | "bootstrap";
}

/**
 * Trains an ensemble of Bradley-Terry models that differ by seed (and optionally by bootstrap
 * sample). Members plug into the `ensemble` node as `model` nodes with `member: k`, or vote on
 * preference strength (Secrets of RLHF II).
 */
export function trainEnsemble(options: EnsembleOptions): BradleyTerryModel[] {
  const matrix = toFeatureMatrix(options.features);
  const pairs = toPairSet(options.pairs, matrix.rows);
  const baseSeed = options.seed ?? 0;
  const models: BradleyTerryModel[] = [];
  for (let member = 0; member < options.members; member++) {
    const seed = baseSeed + 1000 * (member + 1);
    let memberPairs = pairs;
    if (options.diversity === "bootstrap") {
      const random = seededRandom(seed + 17);
      const positions = new Int32Array(pairs.size);
      for (let at = 0; at < pairs.size; at++) positions[at] = random.int(pairs.size);
      memberPairs = subsetPairs(pairs, positions);
    }
    const onEpoch = options.onEpoch;
    models.push(
      trainBradleyTerry({
        ...options,
        features: matrix,
        pairs: memberPairs,
        seed,
        // Callers show whose epoch it is (the history keeps the trainer's own records).
        ...(onEpoch
          ? { onEpoch: (record) => onEpoch({ ...record, member: member + 1, members: options.members }) }
          : {}),
      }),
    );
  }
  return models;
}
