import { type Context, mulberry32, type Reward } from "../../core/index.js";
import {
  type Candidate,
  chooseConfiguration,
  type RoundMonitors,
  roundMonitors,
  selectAboveThreshold,
} from "../b-star.js";
import { type GenerationSettings, requestSeed, type TextGenerator } from "../generation/text-generator.js";
import { type GenerationFailure, sampleAll } from "./generate.js";
import { byGroup, type PromptRow, type ScoredRow, scoreSamples } from "./scoring.js";

/**
 * One B-STaR round (Zeng et al. 2025; Algorithm 1 and the authors' `train_bstar.sh`): on a probe
 * subset of the prompts, sample k at every candidate temperature, and pick the (temperature,
 * threshold) with the highest balance score; then sample every prompt at that temperature, keep the
 * distinct responses whose reward is above the threshold (the round's fine-tuning set), and report
 * the exploration and exploitation monitors. One temperature and one threshold is STaR/RFT with
 * fixed settings and no probing.
 */
export interface BstarOptions {
  generator: TextGenerator;
  reward: Reward;
  context: Context;
  prompts: readonly PromptRow[];
  k: number;
  temperatures: readonly number[];
  thresholds: readonly number[];
  /** n*: the distinct correct responses per prompt that count as enough (the code: 8). */
  nStar: number;
  maxPerPrompt?: number | undefined;
  /** Prompts the configuration search samples (0: all). */
  probePrompts: number;
  /** Whether a scored response is correct (a verifier component, or the reward at a threshold). */
  correct: (row: ScoredRow) => boolean;
  settings: GenerationSettings;
  seed: number;
  concurrency?: number;
}

export interface BstarRound {
  temperature: number;
  threshold: number;
  balance: number;
  grid: { temperature: number; threshold: number; score: number }[];
  monitors: RoundMonitors;
  samples: ScoredRow[];
  selected: ScoredRow[];
  /** Prompts whose generation failed (probes included). */
  failures: GenerationFailure[];
}

function candidates(rows: readonly ScoredRow[], correct: (row: ScoredRow) => boolean): Candidate[][] {
  return byGroup(rows.filter((row) => row.error === undefined)).map((group) =>
    group.map((row) => ({ text: row.completion, reward: row.reward, correct: correct(row) })),
  );
}

export async function bstarRound(options: BstarOptions & { round: number }): Promise<BstarRound> {
  const failures: GenerationFailure[] = [];
  const sample = async (prompts: readonly PromptRow[], temperature: number, tag: string) => {
    const generated = await sampleAll({
      generator: options.generator,
      prompts,
      k: options.k,
      settings: { ...options.settings, temperature },
      seed: options.seed,
      round: options.round,
      signal: options.context.signal,
      tag,
      ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    });
    failures.push(...generated.failures);
    return scoreSamples({ reward: options.reward, context: options.context, samples: generated.samples });
  };
  let temperature = options.temperatures[0] as number;
  let threshold = options.thresholds[0] as number;
  let balance = Number.NaN;
  let grid: BstarRound["grid"] = [];
  if (options.temperatures.length > 1 || options.thresholds.length > 1) {
    const probe = probeSubset(options);
    const byTemperature = [];
    for (const candidate of options.temperatures) {
      const rows = await sample(probe, candidate, `probe-${candidate}`);
      byTemperature.push({ temperature: candidate, prompts: candidates(rows, options.correct) });
    }
    const choice = chooseConfiguration({
      byTemperature,
      thresholds: options.thresholds,
      nStar: options.nStar,
      maxPerPrompt: options.maxPerPrompt,
    });
    ({ temperature, threshold, grid } = choice);
    balance = choice.score;
  }
  const samples = await sample(options.prompts, temperature, "train");
  const prompts = candidates(samples, options.correct);
  if (Number.isNaN(balance)) {
    balance = chooseConfiguration({
      byTemperature: [{ temperature, prompts }],
      thresholds: [threshold],
      nStar: options.nStar,
      maxPerPrompt: options.maxPerPrompt,
    }).score;
  }
  const selected: ScoredRow[] = [];
  for (const group of byGroup(samples.filter((row) => row.error === undefined))) {
    const kept = selectAboveThreshold(
      group.map((row) => ({ text: row.completion, reward: row.reward, correct: options.correct(row) })),
      { threshold, maxPerPrompt: options.maxPerPrompt },
    );
    const texts = new Set(kept.map((candidate) => candidate.text));
    for (const row of group) {
      if (texts.delete(row.completion)) selected.push(row);
    }
  }
  return {
    temperature,
    threshold,
    balance,
    grid,
    monitors: roundMonitors(prompts),
    samples,
    selected,
    failures,
  };
}

function probeSubset(options: BstarOptions & { round: number }): readonly PromptRow[] {
  const size = options.probePrompts;
  if (size <= 0 || size >= options.prompts.length) return options.prompts;
  const random = mulberry32(requestSeed(options.seed, "b-star-probe", options.round));
  const order = options.prompts.map((_, index) => index);
  for (let index = order.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [order[index], order[other]] = [order[other] as number, order[index] as number];
  }
  return order.slice(0, size).map((index) => options.prompts[index] as PromptRow);
}
