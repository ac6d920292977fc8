import { mergePairSums, type PairSums } from "./statistics/correlation.js";

/** Count, sum and sum of squares (and range) of a stream of numbers: mergeable by addition. */
export interface Moments {
  n: number;
  sum: number;
  squares: number;
  min: number | null;
  max: number | null;
}

/** A sample kept as an example (the evidence a person reads beside the numbers). */
export interface StepExample {
  /** Sampling key: the k smallest keys of a step are kept, so merged samples stay uniform. */
  key: number;
  step: number;
  prompt: string;
  completion: string;
  reward: number;
  gold?: number;
  /** The text checks this completion trips (repeated_ngrams, answer_hedging, ...). */
  signals: string[];
}

/** Counts of the per-completion text checks at one step. */
export interface TextCounts {
  checked: number;
  /** Completions long enough for the repetition check, and those that failed it. */
  repetitionChecked: number;
  repeated: number;
  hedging: number;
  /** Completions whose prompt is long enough for the copy check, and those that copied it. */
  copyChecked: number;
  copied: number;
  masterKey: number;
}

/**
 * Everything the detectors need about one training step, in fixed-size, JSON-serializable,
 * mergeable form: two aggregates of the same step (from two batches, two server workers) merge by
 * adding, so the server can keep one per step in its per-run state store.
 */
export interface StepAggregate {
  step: number;
  /** The last step folded in (binned series merge consecutive steps). */
  lastStep: number;
  samples: number;
  reward: Moments;
  /** Completion length (words, or the length field). */
  length: Moments;
  /** Pearson sums of (log(1 + length), reward). */
  lengthReward: PairSums;
  components: Record<string, Moments>;
  /** Pearson sums of every pair of components, and of each component with the reward ("a|b", "a|"). */
  pairs: Record<string, PairSums>;
  /** Groups of two or more samples, and those whose rewards are all equal. */
  groups: number;
  zeroStdGroups: number;
  /** The gold probe on the samples that have it, and the reward on those same samples. */
  gold: Moments;
  goldReward: Moments;
  /** Samples the gold probe was asked about and could not score (its error; never counted as a score). */
  goldErrors: number;
  /** KL to the reference policy where rows report it. */
  kl: Moments;
  text: TextCounts;
  /** A uniform sample of the step's samples, and one of those that tripped a text check. */
  examples: StepExample[];
  flagged: StepExample[];
}

export function emptyMoments(): Moments {
  return { n: 0, sum: 0, squares: 0, min: null, max: null };
}

export function addMoment(moments: Moments, value: number): void {
  moments.n++;
  moments.sum += value;
  moments.squares += value * value;
  moments.min = moments.min === null ? value : Math.min(moments.min, value);
  moments.max = moments.max === null ? value : Math.max(moments.max, value);
}

export function mergeMoments(into: Moments, other: Moments): void {
  into.n += other.n;
  into.sum += other.sum;
  into.squares += other.squares;
  if (other.min !== null) into.min = into.min === null ? other.min : Math.min(into.min, other.min);
  if (other.max !== null) into.max = into.max === null ? other.max : Math.max(into.max, other.max);
}

/** The mean, or null when nothing was seen (never 0 for "unknown"). */
export function momentMean(moments: Moments | undefined): number | null {
  return moments && moments.n > 0 ? moments.sum / moments.n : null;
}

export function emptyTextCounts(): TextCounts {
  return {
    checked: 0,
    repetitionChecked: 0,
    repeated: 0,
    hedging: 0,
    copyChecked: 0,
    copied: 0,
    masterKey: 0,
  };
}

export function emptyStepAggregate(step: number): StepAggregate {
  return {
    step,
    lastStep: step,
    samples: 0,
    reward: emptyMoments(),
    length: emptyMoments(),
    lengthReward: { n: 0, x: 0, y: 0, xx: 0, yy: 0, xy: 0 },
    components: {},
    pairs: {},
    groups: 0,
    zeroStdGroups: 0,
    gold: emptyMoments(),
    goldReward: emptyMoments(),
    goldErrors: 0,
    kl: emptyMoments(),
    text: emptyTextCounts(),
    examples: [],
    flagged: [],
  };
}

/**
 * Adds `other` into `into` (same step, or the next steps of a bin) and keeps the `keep` examples
 * with the smallest keys — a bottom-k sample, which stays a uniform sample whatever order the
 * parts are merged in. Returns `into`.
 */
export function mergeStepAggregates(into: StepAggregate, other: StepAggregate, keep: number): StepAggregate {
  into.step = Math.min(into.step, other.step);
  into.lastStep = Math.max(into.lastStep, other.lastStep);
  into.samples += other.samples;
  mergeMoments(into.reward, other.reward);
  mergeMoments(into.length, other.length);
  mergePairSums(into.lengthReward, other.lengthReward);
  for (const [name, moments] of Object.entries(other.components)) {
    into.components[name] ??= emptyMoments();
    mergeMoments(into.components[name], moments);
  }
  for (const [key, sums] of Object.entries(other.pairs)) {
    into.pairs[key] ??= { n: 0, x: 0, y: 0, xx: 0, yy: 0, xy: 0 };
    mergePairSums(into.pairs[key], sums);
  }
  into.groups += other.groups;
  into.zeroStdGroups += other.zeroStdGroups;
  mergeMoments(into.gold, other.gold);
  mergeMoments(into.goldReward, other.goldReward);
  into.goldErrors += other.goldErrors ?? 0;
  mergeMoments(into.kl, other.kl);
  for (const key of Object.keys(into.text) as (keyof TextCounts)[]) into.text[key] += other.text[key];
  into.examples = bottomK([...into.examples, ...other.examples], keep);
  into.flagged = bottomK([...into.flagged, ...other.flagged], keep);
  return into;
}

export function bottomK(examples: StepExample[], keep: number): StepExample[] {
  const seen = new Set<number>();
  return examples
    .sort((a, b) => a.key - b.key)
    .filter((example) => !seen.has(example.key) && seen.add(example.key) !== undefined)
    .slice(0, keep);
}
