import {
  type BradleyTerryModel,
  type BradleyTerryOptions,
  BradleyTerryTextModel,
  concatColumns,
  type EmbeddingConfig,
  evaluatePairs,
  type FeaturizerInput,
  type OnnxEmbedder,
  type PairSet,
  type StrengthMethod,
  TextFeaturizer,
  type TextPair,
  trainBradleyTerry,
  trainEnsemble,
  trainWithPreferenceStrength,
} from "../models/index.js";
import type { PreferencePair } from "./pair.js";
import { pairRows } from "./pair-rows.js";

/** The trainer's own options, passed through, plus how the pairs become features and members. */
export interface FitOptions
  extends Pick<
    BradleyTerryOptions,
    | "head"
    | "epochs"
    | "batchSize"
    | "learningRate"
    | "l2"
    | "margin"
    | "centerRewardsCoefficient"
    | "labelSmoothing"
    | "patience"
    | "seed"
  > {
  features?: FeaturizerInput;
  /** Members of an ensemble (1 = a single model). */
  members?: number;
  diversity?: "seed" | "bootstrap";
  /** Use each pair's `margin` field (rating or engagement gaps) in the loss. */
  usePairMargins?: boolean;
  /** Secrets of RLHF II: vote on preference strength with an ensemble, then adjust the pairs. */
  strength?: { method: StrengthMethod; voters?: number; flipFraction?: number; alpha?: number };
  onEpoch?: BradleyTerryOptions["onEpoch"];
  /** ONNX sentence embeddings appended to the text features (kept with the model file). */
  embedding?: { embedder: OnnxEmbedder; config: EmbeddingConfig } | undefined;
}

export interface SetFigures {
  n: number;
  accuracy: number;
  loss: number;
}

/** How one trained model (a member, or the single model) ended: which epoch early stopping kept. */
export interface MemberFit {
  /** 1-based. */
  member: number;
  epochsRun: number;
  /** The epoch whose weights were kept: the lowest validation loss, else the last epoch. */
  bestEpoch: number;
  /** True when validation stopped training before the maximum epochs or kept an earlier epoch. */
  earlyStopped: boolean;
  /** The member's own validation figures at the kept epoch (absent without validation pairs). */
  validLoss?: number;
  validAccuracy?: number;
}

/** What preference strength (Secrets of RLHF II) did to the training pairs. */
export interface StrengthFit {
  method: StrengthMethod;
  voters: number;
  pairs: number;
  /** Pairs whose chosen and rejected responses were swapped. */
  flipped: number;
  /** The voters' mean r(chosen) − r(rejected) over the original pairs. */
  meanStrength: number;
}

export interface FitResult {
  model: BradleyTerryTextModel;
  train: SetFigures;
  valid: SetFigures | undefined;
  /** One entry per trained model (members of an ensemble, or the single model). */
  members: MemberFit[];
  strength?: StrengthFit;
  /** Seconds spent featurizing and training (excluding reading data). */
  featurizeSeconds: number;
  trainSeconds: number;
}

/** The pairs of a dataset as typed pair arrays over rows of `texts`. */
export function pairSetOf(
  pairs: readonly PreferencePair[],
  chosen: Int32Array,
  rejected: Int32Array,
  options: { usePairMargins?: boolean | undefined } = {},
): PairSet {
  const size = pairs.length;
  const set: PairSet = {
    size,
    chosen,
    rejected,
    margin: new Float32Array(size),
    target: new Float32Array(size).fill(1),
    weight: new Float32Array(size).fill(1),
  };
  pairs.forEach((pair, index) => {
    if (options.usePairMargins && pair.margin !== undefined) set.margin[index] = pair.margin;
    if (pair.target !== undefined) set.target[index] = pair.target;
  });
  return set;
}

/**
 * Featurizes preference pairs and trains a Bradley-Terry text reward model (or an ensemble),
 * early-stopping on the validation pairs when given.
 */
export async function fitRewardModel(
  trainPairs: readonly PreferencePair[],
  validPairs: readonly PreferencePair[] | undefined,
  options: FitOptions = {},
): Promise<FitResult> {
  const featurizer = new TextFeaturizer(options.features ?? {});
  const featurizeStarted = performance.now();
  const embedding = options.embedding;
  const featurize = async (texts: TextPair[]) => {
    const text = featurizer.featurize(texts);
    if (!embedding) return text;
    return concatColumns([text, await embedding.embedder.embed(texts.map((item) => item.response))]);
  };
  const trainRows = pairRows(trainPairs);
  const trainMatrix = await featurize(trainRows.texts);
  const trainSet = pairSetOf(trainPairs, trainRows.chosen, trainRows.rejected, options);
  let validation: BradleyTerryOptions["validation"];
  if (validPairs && validPairs.length > 0) {
    const validRows = pairRows(validPairs);
    validation = {
      features: await featurize(validRows.texts),
      pairs: pairSetOf(validPairs, validRows.chosen, validRows.rejected),
    };
  }
  const featurizeSeconds = (performance.now() - featurizeStarted) / 1000;
  const trainStarted = performance.now();
  const trainOptions: BradleyTerryOptions = {
    features: trainMatrix,
    pairs: trainSet,
    validation,
    ...definedOnly({
      head: options.head,
      epochs: options.epochs,
      batchSize: options.batchSize,
      learningRate: options.learningRate,
      l2: options.l2,
      margin: options.margin,
      centerRewardsCoefficient: options.centerRewardsCoefficient,
      labelSmoothing: options.labelSmoothing,
      patience: options.patience,
      seed: options.seed,
      onEpoch: options.onEpoch,
    }),
  };
  const members = options.members ?? 1;
  let strengthRecord: { adjusted: number; meanStrength: number } | undefined;
  let trained: BradleyTerryModel[];
  if (options.strength) {
    // Voters' epochs come with `member` set (the voter), the final model's without.
    const result = trainWithPreferenceStrength({
      ...trainOptions,
      ...definedOnly(options.strength),
      method: options.strength.method,
    });
    trained = [result.model];
    let adjusted = 0;
    for (let pair = 0; pair < trainSet.size; pair++)
      if (result.adjusted.chosen[pair] !== trainSet.chosen[pair]) adjusted++;
    strengthRecord = {
      adjusted,
      meanStrength: result.mean.reduce((sum, value) => sum + value, 0) / Math.max(1, result.mean.length),
    };
  } else {
    trained =
      members > 1
        ? trainEnsemble({ ...trainOptions, members, diversity: options.diversity ?? "seed" })
        : [trainBradleyTerry(trainOptions)];
  }
  const trainSeconds = (performance.now() - trainStarted) / 1000;
  const model = new BradleyTerryTextModel(
    featurizer,
    trained.map((each) => each.head),
    {
      created: new Date().toISOString(),
      pairs: { train: trainPairs.length, valid: validPairs?.length ?? 0 },
      options: { ...options, onEpoch: undefined, features: undefined, embedding: undefined },
      history: trained.map((each) => each.history),
      bestEpochs: trained.map((each) => each.bestEpoch),
      ...(strengthRecord ? { strength: { ...options.strength, flipped: strengthRecord.adjusted } } : {}),
    },
    embedding,
  );
  const figures = (matrix: typeof trainMatrix, pairs: PairSet): SetFigures => {
    const scores = { score: (_m: typeof matrix, row: number) => meanScores[row] as number };
    const meanScores = model.scoreMatrix(matrix);
    return { n: pairs.size, ...evaluatePairs(scores, matrix, pairs) };
  };
  const maxEpochs = options.epochs ?? 10;
  return {
    model,
    members: trained.map((each, index) => memberFit(each, index + 1, maxEpochs)),
    ...(strengthRecord && options.strength
      ? {
          strength: {
            method: options.strength.method,
            voters: options.strength.voters ?? 10,
            pairs: trainSet.size,
            flipped: strengthRecord.adjusted,
            meanStrength: strengthRecord.meanStrength,
          },
        }
      : {}),
    train: figures(trainMatrix, trainSet),
    valid: validation
      ? figures(validation.features as typeof trainMatrix, validation.pairs as PairSet)
      : undefined,
    featurizeSeconds,
    trainSeconds,
  };
}

function memberFit(model: BradleyTerryModel, member: number, maxEpochs: number): MemberFit {
  const kept = model.history[model.bestEpoch - 1];
  return {
    member,
    epochsRun: model.history.length,
    bestEpoch: model.bestEpoch,
    earlyStopped: model.bestEpoch < model.history.length || model.history.length < maxEpochs,
    ...definedOnly({ validLoss: kept?.validLoss, validAccuracy: kept?.validAccuracy }),
  };
}

/** The object without its undefined entries (for exactOptionalPropertyTypes). */
export function definedOnly<T extends Record<string, unknown>>(
  value: T,
): { [K in keyof T]?: Exclude<T[K], undefined> } {
  const out: Record<string, unknown> = {};
  for (const [key, entry] of Object.entries(value)) if (entry !== undefined) out[key] = entry;
  return out as { [K in keyof T]?: Exclude<T[K], undefined> };
}
