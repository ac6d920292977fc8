import { type AdvantageInput, type AdvantageOutput, RewardkitError } from "../core/index.js";
import { AdvantageDiagnostics } from "./diagnostics.js";
import { type DynamicFilter, dynamicFilterKeep } from "./dynamic-filter.js";
import { type Groups, groupSamples } from "./groups.js";
import { sampleError } from "./sample-fields.js";

/** What an estimator's math returns for the samples it was given. */
export interface CoreEstimate {
  advantages: number[];
  stepAdvantages?: (number[] | undefined)[];
  /** Method-specific figures (e.g. the progress fit's R²), merged into `diagnostics`. */
  diagnostics?: Record<string, number>;
  /** Samples the method itself drops after computing (BRPO's skewed groups); they get advantage 0. */
  keep?: boolean[];
}

type Core = (input: AdvantageInput, groups: Groups) => CoreEstimate;
type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** Runs `core` on the kept samples only and spreads its results back over the whole batch. */
function onSubset(input: AdvantageInput, kept: readonly number[], core: Core): CoreEstimate {
  const subset: Mutable<AdvantageInput> = {
    rewards: kept.map((index) => input.rewards[index] as number),
    samples: kept.map((index) => input.samples[index] as AdvantageInput["samples"][number]),
    components: kept.map((index) => input.components[index]),
  };
  if (input.turnRewards) subset.turnRewards = kept.map((index) => input.turnRewards?.[index]);
  if (input.stepRewards) subset.stepRewards = kept.map((index) => input.stepRewards?.[index]);
  let partial: CoreEstimate = { advantages: [] };
  try {
    if (kept.length > 0) partial = core(subset, groupSamples(subset.samples));
  } catch (error) {
    throw inBatchTerms(error, kept);
  }
  const size = input.rewards.length;
  const result: CoreEstimate = { advantages: new Array<number>(size).fill(0) };
  if (partial.stepAdvantages) result.stepAdvantages = new Array<number[] | undefined>(size).fill(undefined);
  if (partial.keep) result.keep = new Array<boolean>(size).fill(true);
  if (partial.diagnostics) result.diagnostics = partial.diagnostics;
  kept.forEach((index, position) => {
    result.advantages[index] = partial.advantages[position] as number;
    if (result.stepAdvantages) result.stepAdvantages[index] = partial.stepAdvantages?.[position];
    if (result.keep) result.keep[index] = partial.keep?.[position] !== false;
  });
  return result;
}

/** An error about sample i of the subset, retold about the sample it is in the whole batch. */
function inBatchTerms(error: unknown, kept: readonly number[]): unknown {
  if (!RewardkitError.isInstance(error) || typeof error.details?.index !== "number") return error;
  const index = kept[error.details.index];
  const field = error.details.field;
  if (index === undefined || typeof field !== "string") return error;
  return sampleError(index, field, error.message);
}

/**
 * The frame every estimator shares: group the batch, drop filtered groups (dynamic filtering happens
 * before advantages, as in the trainers, so batch-level statistics see only kept samples), run the
 * estimator's math on the rest, give dropped samples advantage 0, and attach diagnostics.
 */
export function estimate(
  input: AdvantageInput,
  filter: DynamicFilter | undefined,
  core: Core,
): AdvantageOutput {
  input.rewards.forEach((reward, index) => {
    if (!Number.isFinite(reward))
      throw sampleError(index, "reward", `expected a finite number, received ${reward}`);
  });
  const groups = groupSamples(input.samples);
  const filterKeep = filter ? dynamicFilterKeep(input, groups, filter) : undefined;
  const result =
    filterKeep && !filterKeep.every(Boolean)
      ? onSubset(
          input,
          filterKeep.flatMap((kept, index) => (kept ? [index] : [])),
          core,
        )
      : core(input, groups);
  let keep: boolean[] | undefined;
  if (filterKeep || result.keep) {
    keep = input.rewards.map((_, index) => filterKeep?.[index] !== false && result.keep?.[index] !== false);
    keep.forEach((kept, index) => {
      if (kept) return;
      result.advantages[index] = 0;
      if (result.stepAdvantages) result.stepAdvantages[index] = undefined;
    });
  }
  const diagnostics = new AdvantageDiagnostics();
  diagnostics.add({ rewards: input.rewards, advantages: result.advantages, groups, keep });
  const output: AdvantageOutput = {
    advantages: result.advantages,
    diagnostics: { ...diagnostics.toJSON(), ...result.diagnostics },
  };
  if (result.stepAdvantages) output.stepAdvantages = result.stepAdvantages;
  if (keep) output.keep = keep;
  return output;
}
