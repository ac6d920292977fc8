import {
  type BradleyTerryModel,
  type HeadChoice,
  trainBradleyTerry,
  trainEnsemble,
} from "../../models/index.js";
import { deriveSeed } from "../random.js";
import type { LabelledPair } from "./preferences.js";
import { type Backbone, randomBackbone } from "./representation.js";
import { type BanditWorld, candidateFeatures, standardizeUnderBase } from "./rlhf-world.js";

export interface ProxyTraining {
  /** Random-feature backbone width (0: the head reads the raw features only). */
  backboneWidth: number;
  backboneWeightScale: number;
  backboneBiasScale: number;
  /**
   * `per_member`: each ensemble member has its own pretrain seed (its own backbone);
   * `shared`: one backbone, members differ only by their training seed (Eisenstein's
   * fine-tune-seed ensembles).
   */
  pretrainSeeds: "per_member" | "shared";
  /**
   * With `shared`: which member's pretrain seed the shared backbone is (default 0), so one
   * fine-tune-seed ensemble can be built on each pretrained backbone of a pretrain-seed ensemble
   * (Eisenstein et al. fine-tune an ensemble from each of their pretrained models).
   */
  sharedBackbone?: number;
  /** The Bradley–Terry head: linear, or a one-hidden-layer ReLU MLP. */
  head: HeadChoice;
  epochs: number;
  learningRate: number;
  batchSize: number;
}

export const defaultProxyTraining: ProxyTraining = {
  backboneWidth: 32,
  backboneWeightScale: 1,
  backboneBiasScale: 1,
  pretrainSeeds: "per_member",
  head: "linear",
  epochs: 8,
  learningRate: 0.02,
  batchSize: 32,
};

/**
 * Proxy reward models trained with the library's Bradley–Terry trainer on the labelled pairs, scored
 * on every candidate of the world and standardized under the base policy (mean 0, std 1, as Gao et
 * al. recenter proxies). With `members` > 1 the members share the data and differ by seed.
 * @returns one score table per member (flat, prompt-major like the world)
 */
export function trainProxies(input: {
  world: BanditWorld;
  pairs: readonly LabelledPair[];
  members: number;
  seed: number;
  training: ProxyTraining;
}): Float64Array[] {
  const { world, pairs, training } = input;
  const backbones = Array.from({ length: input.members }, (_, member) =>
    training.backboneWidth > 0
      ? randomBackbone({
          pretrainSeed: deriveSeed(
            input.seed,
            `pretrain-${training.pretrainSeeds === "shared" ? (training.sharedBackbone ?? 0) : member}`,
          ),
          inputs: world.dimensions,
          width: training.backboneWidth,
          weightScale: training.backboneWeightScale,
          biasScale: training.backboneBiasScale,
        })
      : undefined,
  );
  const trainingPairs = pairs.map((_, index) => ({ chosen: 2 * index, rejected: 2 * index + 1 }));
  const rowsFor = (backbone: Backbone | undefined) =>
    pairs.flatMap((pair) => [
      represent(world, pair.chosen, backbone),
      represent(world, pair.rejected, backbone),
    ]);
  const options = {
    pairs: trainingPairs,
    head: training.head,
    epochs: training.epochs,
    learningRate: training.learningRate,
    batchSize: training.batchSize,
    seed: deriveSeed(
      input.seed,
      `trainer${training.sharedBackbone ? `-shared-${training.sharedBackbone}` : ""}`,
    ),
  };
  let models: BradleyTerryModel[];
  if (input.members > 1 && training.pretrainSeeds === "shared") {
    models = trainEnsemble({
      ...options,
      features: rowsFor(backbones[0]),
      members: input.members,
      diversity: "seed",
    });
  } else {
    models = backbones.map((backbone, member) =>
      trainBradleyTerry({
        ...options,
        features: rowsFor(backbone),
        seed: deriveSeed(input.seed, `trainer-${member}`),
      }),
    );
  }
  const size = world.prompts * world.candidates;
  return models.map((model, member) => {
    const backbone = backbones[member];
    const every = Array.from({ length: size }, (_, index) => represent(world, index, backbone));
    return standardizeUnderBase(model.score(every), world.baseProbabilities, world.prompts);
  });
}

/** What a model reads: the raw features, followed by the backbone's when there is one. */
export function represent(world: BanditWorld, index: number, backbone: Backbone | undefined): Float64Array {
  const raw = candidateFeatures(world, index);
  if (!backbone) return raw;
  const out = new Float64Array(raw.length + backbone.width);
  out.set(raw);
  out.set(backbone.embed(raw), raw.length);
  return out;
}

/** Every candidate's representation in one flat table (prompt-major), for a policy's shared weights. */
export function representationTable(
  world: BanditWorld,
  backbone: Backbone | undefined,
): { table: Float64Array; width: number } {
  const width = world.dimensions + (backbone?.width ?? 0);
  const size = world.prompts * world.candidates;
  const table = new Float64Array(size * width);
  for (let index = 0; index < size; index++) table.set(represent(world, index, backbone), index * width);
  return { table, width };
}
