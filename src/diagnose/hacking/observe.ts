import { addPair, emptyPairSums, type PairSums } from "./statistics/correlation.js";
import { addMoment, bottomK, emptyMoments, type StepAggregate, type StepExample } from "./step-aggregate.js";
import { type TextSignals, type TextThresholds, textSignals } from "./text/text-signals.js";

/** One scored sample as the detectors see it. */
export interface Observation {
  prompt: string;
  completion: string;
  reward: number;
  components?: Readonly<Record<string, number>> | undefined;
  group?: string | undefined;
  /** The held-out gold probe's score, when this sample was probed. */
  gold?: number | undefined;
  /** KL to the reference policy, when the trainer reports it. */
  kl?: number | undefined;
  /** A length the caller measured (tokens); default: the completion's words. */
  length?: number | undefined;
  /**
   * This sample's text checks, when the caller already ran them with the SAME thresholds as the
   * options (the inspector runs them once per row for its row flags); used instead of running
   * them again. `HackingRowAggregator.add` (row-aggregator.ts) checks the thresholds before passing them on.
   */
  textSignals?: TextSignals | undefined;
}

export interface ObserveOptions extends TextThresholds {
  /** Fraction of samples the text checks run on (chosen by a hash of the sample, so reproducible). */
  textRate: number;
  /** Examples kept per step. */
  examples: number;
  /** Components paired with each other for correlations and the weight fit (the first, by name). */
  maxPairedComponents: number;
}

export const defaultObserveOptions: ObserveOptions = {
  ngram: 4,
  repetition: 0.5,
  copyCoverage: 0.6,
  textRate: 1,
  examples: 3,
  maxPairedComponents: 12,
};

const textFlagNames = {
  repeated: "repeated_ngrams",
  hedging: "answer_hedging",
  copied: "copied_prompt",
  masterKey: "master_key_replies",
} as const;

/**
 * Adds one batch of samples of one step into `aggregate`. Groups are read within the batch (the
 * server sees a trainer's groups together; the CLI gathers them across the file first).
 */
export function observeBatch(
  aggregate: StepAggregate,
  observations: readonly Observation[],
  options: ObserveOptions,
): StepAggregate {
  const groups = new Map<string, { min: number; max: number; n: number }>();
  for (const observation of observations) {
    if (!Number.isFinite(observation.reward)) continue;
    observeOne(aggregate, observation, options);
    if (observation.group === undefined) continue;
    const seen = groups.get(observation.group);
    if (seen) {
      seen.n++;
      seen.min = Math.min(seen.min, observation.reward);
      seen.max = Math.max(seen.max, observation.reward);
    } else {
      groups.set(observation.group, { n: 1, min: observation.reward, max: observation.reward });
    }
  }
  for (const group of groups.values()) addGroup(aggregate, group);
  return aggregate;
}

/** Counts one group of rewards (its size, smallest and largest). */
export function addGroup(aggregate: StepAggregate, group: { n: number; min: number; max: number }): void {
  if (group.n < 2) return;
  aggregate.groups++;
  if (group.max - group.min <= 1e-12 * Math.max(1, Math.abs(group.max))) aggregate.zeroStdGroups++;
}

/** Adds one sample (everything but its group) into `aggregate`. */
export function observeOne(
  aggregate: StepAggregate,
  observation: Observation,
  options: ObserveOptions,
): void {
  const { reward } = observation;
  aggregate.samples++;
  const hash = fnv1aParts(aggregate.step, observation.prompt, observation.completion);
  addMoment(aggregate.reward, reward);
  const length =
    observation.length !== undefined && Number.isFinite(observation.length)
      ? observation.length
      : whitespaceTokens(observation.completion);
  addMoment(aggregate.length, length);
  addPair(aggregate.lengthReward, Math.log1p(Math.max(0, length)), reward);
  const components = Object.entries(observation.components ?? {}).filter(([, value]) =>
    Number.isFinite(value),
  );
  for (const [name, value] of components) {
    aggregate.components[name] ??= emptyMoments();
    addMoment(aggregate.components[name], value);
  }
  const paired = components
    .filter(([name]) => !name.endsWith(".disagreement"))
    .sort(([a], [b]) => a.localeCompare(b))
    .slice(0, options.maxPairedComponents);
  for (let i = 0; i < paired.length; i++) {
    const [name, value] = paired[i] as [string, number];
    addPair(pairSums(aggregate, `${name}|`), value, reward);
    for (let j = i + 1; j < paired.length; j++) {
      const [other, otherValue] = paired[j] as [string, number];
      addPair(pairSums(aggregate, `${name}|${other}`), value, otherValue);
    }
  }
  if (observation.gold !== undefined && Number.isFinite(observation.gold)) {
    addMoment(aggregate.gold, observation.gold);
    addMoment(aggregate.goldReward, reward);
  }
  if (observation.kl !== undefined && Number.isFinite(observation.kl))
    addMoment(aggregate.kl, observation.kl);

  const signals: string[] = [];
  if (unit(mix(hash)) < options.textRate) {
    const found = observation.textSignals ?? textSignals(observation.prompt, observation.completion, options);
    const counts = aggregate.text;
    counts.checked++;
    if (found.repeated !== null) counts.repetitionChecked++;
    if (found.copied !== null) counts.copyChecked++;
    if (found.repeated) counts.repeated++;
    if (found.hedging) counts.hedging++;
    if (found.copied) counts.copied++;
    if (found.masterKey) counts.masterKey++;
    for (const [key, name] of Object.entries(textFlagNames)) {
      if (found[key as keyof typeof found]) signals.push(name);
    }
  }
  if (options.examples > 0) {
    const key = unit(hash);
    const uniform = entersSample(aggregate.examples, key, options.examples);
    const flagged = signals.length > 0 && entersSample(aggregate.flagged, key, options.examples);
    if (!uniform && !flagged) return;
    const example: StepExample = {
      key,
      step: aggregate.step,
      prompt: clip(observation.prompt, 300),
      completion: clip(observation.completion, 600),
      reward,
      signals,
      ...(observation.gold !== undefined && Number.isFinite(observation.gold)
        ? { gold: observation.gold }
        : {}),
    };
    if (uniform) aggregate.examples = bottomK([...aggregate.examples, example], options.examples);
    if (flagged) aggregate.flagged = bottomK([...aggregate.flagged, example], options.examples);
  }
}

function pairSums(aggregate: StepAggregate, key: string): PairSums {
  let sums = aggregate.pairs[key];
  if (!sums) {
    sums = emptyPairSums();
    aggregate.pairs[key] = sums;
  }
  return sums;
}

/** Whether a key would be among the `keep` smallest (the examples are kept sorted by key). */
function entersSample(examples: readonly StepExample[], key: number, keep: number): boolean {
  return examples.length < keep || key < (examples.at(-1)?.key ?? Number.POSITIVE_INFINITY);
}

/** Whitespace-separated tokens (the default length), counted without building the list. */
export function whitespaceTokens(text: string): number {
  let count = 0;
  let inside = false;
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    const space = code === 32 || (code >= 9 && code <= 13) || code === 160 || code === 0x3000;
    if (!space && !inside) count++;
    inside = !space;
  }
  return count;
}

function clip(text: string, limit: number): string {
  return text.length <= limit ? text : `${text.slice(0, limit)}…`;
}

/** 32-bit FNV-1a of a string's UTF-16 code units: a stable, seed-free sampling key. */
export function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = Math.imul(hash, 0x01000193);
  }
  return hash >>> 0;
}

/** fnv1a of `${step}\u0000${prompt}\u0000${completion}`, without building that string (the hot path). */
function fnv1aParts(step: number, prompt: string, completion: string): number {
  let hash = 0x811c9dc5;
  const feed = (text: string) => {
    for (let index = 0; index < text.length; index++) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
  };
  feed(String(step));
  feed("\u0000");
  feed(prompt);
  feed("\u0000");
  feed(completion);
  return hash >>> 0;
}

/** A second, independent-looking key from the same hash (murmur3's finalizer). */
function mix(hash: number): number {
  let value = hash;
  value ^= value >>> 16;
  value = Math.imul(value, 0x85ebca6b);
  value ^= value >>> 13;
  value = Math.imul(value, 0xc2b2ae35);
  value ^= value >>> 16;
  return value >>> 0;
}

function unit(hash: number): number {
  return hash / 4294967296;
}
