import { type Context, mulberry32, type Reward } from "../../core/index.js";
import { type FkPotential, fkResample } from "../fk-steering.js";
import { type GenerationSettings, requestSeed, type TextGenerator } from "../generation/text-generator.js";
import { bestIndex } from "../rank.js";
import { type PromptRow, sampleOf, scoreSamples } from "./scoring.js";

/**
 * Feynman-Kac steering of a language model (Singhal et al. 2025, rm-rl.md §23, after the authors'
 * `fkd_class.py`): k particles grow in chunks of tokens (completions continuing each particle's
 * prefix); after every `resampleEvery` chunks each particle's partial text is scored by the reward,
 * the rewards become potentials (diff, max, sum or current), and particles are resampled in
 * proportion; at the end the potentials are corrected as the code does and the best particle is kept.
 */
export interface FkOptions {
  generator: TextGenerator;
  /** Scores partial and finished texts (the intermediate and final reward). */
  reward: Reward;
  context: Context;
  particles: number;
  /** Tokens each particle grows between resampling points. */
  chunkTokens: number;
  maxChunks: number;
  potential: FkPotential;
  lambda: number;
  /** Resample only when the effective sample size falls below half the particles. */
  adaptive: boolean;
  /** Resample after every this many chunks (and always at the end). */
  resampleEvery: number;
  /** The reward carried by every particle before the first resampling (the code's reward_min_value). */
  rewardMinValue: number;
  settings: GenerationSettings;
  seed: number;
}

export interface FkStep {
  chunk: number;
  reward_mean: number;
  reward_max: number;
  ess: number;
  resampled: boolean;
  /** Distinct particles after this step. */
  distinct: number;
}

export interface FkResult {
  /** The best particle at the end: its text, reward and components. */
  text: string;
  finished: boolean;
  reward: number;
  components: Record<string, number>;
  particles: { text: string; reward: number; finished: boolean }[];
  steps: FkStep[];
  /** Scores that carried an error (their reward is the node's on_error value). */
  errored: number;
}

export async function fkSteer(options: FkOptions & { prompt: PromptRow }): Promise<FkResult> {
  const count = options.particles;
  const random = mulberry32(requestSeed(options.seed, "fk-resampling", options.prompt.id));
  let texts = new Array<string>(count).fill("");
  let finished = new Array<boolean>(count).fill(false);
  let carried = new Array<number>(count).fill(options.rewardMinValue);
  let product = new Array<number>(count).fill(1);
  const steps: FkStep[] = [];
  let errored = 0;
  let last: { rewards: number[]; components: Record<string, number>[] } = { rewards: [], components: [] };
  for (let chunk = 1; chunk <= options.maxChunks; chunk++) {
    await growParticles({ options, texts, finished, chunk });
    const final = chunk === options.maxChunks || finished.every(Boolean);
    if (chunk % options.resampleEvery !== 0 && !final) continue;
    const samples = texts.map((text, index) =>
      sampleOf(options.prompt, text, `${options.prompt.id}-fk${chunk}-${index}`, { chunk }),
    );
    const scored = await scoreSamples({ reward: options.reward, context: options.context, samples });
    errored += scored.filter((row) => row.error !== undefined).length;
    const rewards = scored.map((row) => row.reward);
    const step = fkResample({
      rewards,
      carried,
      potential: options.potential,
      lambda: options.lambda,
      final,
      productOfPotentials: product,
      adaptive: options.adaptive,
      random,
    });
    const pick = step.indices;
    if (step.resampled) {
      texts = pick.map((index) => texts[index] as string);
      finished = pick.map((index) => finished[index] as boolean);
      carried = pick.map((index) => step.next[index] as number);
      product = pick.map((index) => (product[index] as number) * (step.weights[index] as number));
    } else {
      carried = step.next;
    }
    last = {
      rewards: pick.map((index) => rewards[index] as number),
      components: pick.map((index) => scored[index]?.components ?? {}),
    };
    steps.push({
      chunk,
      reward_mean: rewards.reduce((sum, value) => sum + value, 0) / rewards.length,
      reward_max: Math.max(...rewards),
      ess: step.ess,
      resampled: step.resampled,
      distinct: new Set(texts).size,
    });
    if (final) break;
  }
  const best = bestIndex(last.rewards);
  return {
    text: texts[best] as string,
    finished: finished[best] as boolean,
    reward: last.rewards[best] as number,
    components: last.components[best] ?? {},
    particles: texts.map((text, index) => ({
      text,
      reward: last.rewards[index] as number,
      finished: finished[index] as boolean,
    })),
    steps,
    errored,
  };
}

/** Extends every unfinished particle by one chunk; particles sharing a prefix share one request of n. */
async function growParticles(input: {
  options: FkOptions & { prompt: PromptRow };
  texts: string[];
  finished: boolean[];
  chunk: number;
}): Promise<void> {
  const { options, texts, finished } = input;
  const byPrefix = new Map<string, number[]>();
  texts.forEach((text, index) => {
    if (finished[index]) return;
    const list = byPrefix.get(text);
    if (list) list.push(index);
    else byPrefix.set(text, [index]);
  });
  await Promise.all(
    [...byPrefix.entries()].map(async ([prefix, indices], at) => {
      const grown = await options.generator.extend(
        {
          prompt: options.prompt.prompt,
          prefix,
          n: indices.length,
          settings: { ...options.settings, maxTokens: options.chunkTokens },
          seed: requestSeed(options.seed, options.prompt.id, input.chunk, at),
        },
        options.context.signal,
      );
      indices.forEach((particle, index) => {
        const piece = grown[index] as { text: string; finished: boolean };
        texts[particle] = prefix + piece.text;
        finished[particle] = piece.finished;
      });
    }),
  );
}
