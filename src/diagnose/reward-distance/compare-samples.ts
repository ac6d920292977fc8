import {
  type Context,
  mulberry32,
  promptText,
  type Reward,
  type RewardResult,
  type Sample,
} from "../../core/index.js";
import { weightedPearson } from "./epic.js";
import { groupCentered, groupedStarcDistance } from "./grouped.js";
import { sampledEpicDistance, type Transition } from "./sampled-epic.js";
import type { RewardNorm } from "./starc.js";

export interface SampleDistanceOptions {
  /** The two rewards compared (compiled specs, model nodes...). */
  a: Reward;
  b: Reward;
  samples: readonly Sample[];
  context: Context;
  /**
   * `starc` (default): value-adjusted levelling under the policy that wrote the rows (a prompt's
   * completions are its group), L2-normalized, L2 metric, halved into [0, 1]. `epic`: EPIC's
   * canonicalization with completions drawn from every row (each prompt scored with
   * `actionSamples` other completions), Pearson distance.
   */
  method?: "starc" | "epic";
  norm?: RewardNorm;
  actionSamples?: number;
  seed?: number;
  /** Which prompt (state) a sample belongs to: its `group`, else its prompt text. */
  groupOf?: (sample: Sample) => string;
}

/** A row one of the rewards could not score (it is left out of the comparison). */
export interface SkippedRow {
  index: number;
  side: "a" | "b";
  code: string;
  message: string;
}

export interface SampleDistance {
  method: "starc" | "epic";
  /** In [0, 1]; NaN when a reward's canonical form is 0 (it ranks no completion of a prompt above another). */
  distance: number;
  rows: number;
  used: number;
  groups: number;
  /** Groups with at least two usable completions (the only ones STARC can compare within). */
  comparable_groups: number;
  /** Pearson correlation of the raw rewards and of their canonical forms over the used rows. */
  raw_correlation: number;
  canonical_correlation: number;
  skipped: SkippedRow[];
}

const defaultGroup = (sample: Sample) =>
  sample.group === undefined ? `prompt:${promptText(sample)}` : `group:${String(sample.group)}`;

function unusable(result: RewardResult | undefined): boolean {
  return result === undefined || result.error !== undefined || !Number.isFinite(result.score);
}

/**
 * How far apart two rewards are on a set of scored rows, in the STARC / EPIC sense (rm-rl.md §15):
 * per-prompt offsets and positive scaling do not count, a different ordering of completions does.
 * Each prompt is a one-step episode (γ plays no part). Rows either reward fails on are skipped and
 * listed.
 * @example
 * const result = await compareRewardsOnSamples({ a: specA.reward, b: specB.reward, samples, context });
 * result.distance; // 0 when B = c·A + f(prompt), c > 0
 */
export async function compareRewardsOnSamples(options: SampleDistanceOptions): Promise<SampleDistance> {
  const method = options.method ?? "starc";
  const groupOf = options.groupOf ?? defaultGroup;
  const [resultsA, resultsB] = await Promise.all([
    options.a.score(options.samples, options.context),
    options.b.score(options.samples, options.context),
  ]);
  const skipped: SkippedRow[] = [];
  const used: number[] = [];
  options.samples.forEach((_, index) => {
    let ok = true;
    for (const [side, results] of [
      ["a", resultsA],
      ["b", resultsB],
    ] as const) {
      const result = results[index];
      if (unusable(result)) {
        ok = false;
        skipped.push({
          index,
          side,
          code: result?.error?.code ?? "NO_RESULT",
          message: result?.error?.message ?? "no finite score",
        });
      }
    }
    if (ok) used.push(index);
  });
  const rewardsA = used.map((index) => (resultsA[index] as RewardResult).score);
  const rewardsB = used.map((index) => (resultsB[index] as RewardResult).score);
  const groups = used.map((index) => groupOf(options.samples[index] as Sample));
  const counts = new Map<string, number>();
  for (const group of groups) counts.set(group, (counts.get(group) ?? 0) + 1);
  const summary = {
    rows: options.samples.length,
    used: used.length,
    groups: counts.size,
    comparable_groups: [...counts.values()].filter((count) => count >= 2).length,
    raw_correlation: used.length >= 2 ? weightedPearson(rewardsA, rewardsB) : Number.NaN,
    skipped,
  };
  if (method === "starc") {
    const { distance } = groupedStarcDistance({
      rewardsA,
      rewardsB,
      groups,
      norm: options.norm ?? "l2",
      halve: true,
    });
    const canonical = weightedPearson(groupCentered(rewardsA, groups), groupCentered(rewardsB, groups));
    return { method, distance, canonical_correlation: canonical, ...summary };
  }
  return { method, ...(await epicOnSamples(options, used, groupOf)), ...summary };
}

async function epicOnSamples(
  options: SampleDistanceOptions,
  used: readonly number[],
  groupOf: (sample: Sample) => string,
): Promise<{ distance: number; canonical_correlation: number }> {
  if (used.length < 2) return { distance: Number.NaN, canonical_correlation: Number.NaN };
  const samples = options.samples;
  const next = mulberry32(options.seed ?? 1);
  const draws = Math.max(1, options.actionSamples ?? 16);
  const pick = () => samples[used[Math.floor(next() * used.length)] as number] as Sample;
  const actionDraws = Array.from({ length: draws }, () => pick().completion);
  const stateDraws = Array.from({ length: draws }, () => pick());
  const coverage: Transition<Sample, Sample["completion"]>[] = used.map((index) => {
    const sample = samples[index] as Sample;
    return { state: sample, action: sample.completion, nextState: sample };
  });
  const asReward = (reward: Reward) => async (batch: readonly Transition<Sample, Sample["completion"]>[]) => {
    // The state carries the prompt, reference and meta; the action is a completion from any row.
    const pairs = batch.map(({ state, action }) => ({ ...state, completion: action }) as Sample);
    const results = await reward.score(pairs, options.context);
    return results.map((result) => (unusable(result) ? Number.NaN : result.score));
  };
  const result = await sampledEpicDistance(asReward(options.a), asReward(options.b), {
    coverage,
    states: stateDraws,
    actions: actionDraws,
    gamma: 0,
    stateKey: groupOf,
  });
  return { distance: result.distance, canonical_correlation: result.correlation };
}
