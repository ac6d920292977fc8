import type { Context, Reward, Sample } from "../../core/index.js";
import type { GenerationSettings, TextGenerator } from "../generation/text-generator.js";
import { minePairs, type Pairing, winRatesFromScores } from "../pairs.js";
import { preferenceRow } from "../trl-rows.js";
import { type GenerationFailure, sampleAll } from "./generate.js";
import { byGroup, mean, type PromptRow, type ScoredRow, sampleOf, scoreSamples } from "./scoring.js";

/**
 * DNO-Prct's data step (Rosset et al. 2024, rlhf.md §16; no public code, reconstructed from
 * Algorithm 2): k on-policy samples per prompt, plus the teacher's answer when the prompt has one,
 * scored by a preference oracle (any reward; a round-robin `pairwise_judge` gives each sample its
 * win rate against the others, DNO's r_t(x, y) = E_y'[P(y ≻ y')]); best against worst; pairs kept
 * only with a large margin and, optionally, when the chosen is at least as good as the teacher's.
 * The caller trains on each iteration's pairs with DPO against the current policy as reference.
 */
export interface DnoOptions {
  generator: TextGenerator;
  /** The preference oracle: its reward (or win rate) per sample. */
  reward: Reward;
  context: Context;
  prompts: readonly (PromptRow & { teacher?: string | undefined })[];
  k: number;
  pairing: Pairing;
  /** Pairs need score(chosen) − score(rejected) ≥ this (default: > 0). */
  minMargin?: number | undefined;
  /** reward: pair by the oracle's score; win_rate: by each sample's win rate within its prompt (hard comparisons of the scores). */
  preference: "reward" | "win_rate";
  /** The chosen must score at least the teacher's answer (DNO's "student beats teacher" pairs). */
  beatTeacher?: boolean;
  settings: GenerationSettings;
  seed: number;
  concurrency?: number;
}

export interface DnoPair {
  prompt: Sample["prompt"];
  chosen: Sample["completion"];
  rejected: Sample["completion"];
  margin: number;
  group: string | null;
  chosen_reward: number;
  rejected_reward: number;
  chosen_id: string;
  rejected_id: string;
  round: number;
}

export interface DnoIterationStats {
  round: number;
  prompts: number;
  generation_failures: number;
  samples: number;
  errored: number;
  pairs: number;
  prompts_with_pairs: number;
  margin_mean: number;
  reward_mean: number;
  chosen_reward_mean: number;
  rejected_reward_mean: number;
  /** Pairs whose chosen answer is the teacher's. */
  teacher_chosen: number;
}

export async function dnoIteration(options: DnoOptions & { round: number; onPrompt?: () => void }): Promise<{
  samples: ScoredRow[];
  pairs: DnoPair[];
  failures: GenerationFailure[];
  stats: DnoIterationStats;
}> {
  const { samples: generated, failures } = await sampleAll({
    generator: options.generator,
    prompts: options.prompts,
    k: options.k,
    settings: options.settings,
    seed: options.seed,
    round: options.round,
    signal: options.context.signal,
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.onPrompt ? { onPrompt: options.onPrompt } : {}),
  });
  const samples: Sample[] = [];
  const failed = new Set(failures.map((failure) => failure.prompt));
  for (const prompt of options.prompts) {
    samples.push(...generated.filter((sample) => sample.group === prompt.id));
    if (prompt.teacher !== undefined && !failed.has(prompt.id)) {
      samples.push(
        sampleOf(prompt, prompt.teacher, `${prompt.id}-r${options.round}-teacher`, {
          round: options.round,
          teacher: true,
        }),
      );
    }
  }
  const scored = await scoreSamples({ reward: options.reward, context: options.context, samples });
  const usable = scored.filter((row) => row.error === undefined);
  const pairs: DnoPair[] = [];
  let withPairs = 0;
  for (const group of byGroup(usable)) {
    const rewards = group.map((row) => row.reward);
    const scores = options.preference === "win_rate" ? winRatesFromScores(rewards) : rewards;
    const teacherAt = group.findIndex((row) => row.meta?.teacher === true);
    const mined = minePairs({
      scores,
      pairing: options.pairing,
      minMargin: options.minMargin,
      referenceScore: options.beatTeacher && teacherAt >= 0 ? scores[teacherAt] : undefined,
    });
    if (mined.length > 0) withPairs++;
    for (const pair of mined) {
      const chosen = group[pair.chosen] as ScoredRow;
      const rejected = group[pair.rejected] as ScoredRow;
      pairs.push({
        ...preferenceRow({
          prompt: chosen.prompt,
          chosen: chosen.completion,
          rejected: rejected.completion,
          margin: pair.margin,
          group: chosen.group,
        }),
        chosen_reward: chosen.reward,
        rejected_reward: rejected.reward,
        chosen_id: chosen.id,
        rejected_id: rejected.id,
        round: options.round,
      });
    }
  }
  return {
    samples: scored,
    pairs,
    failures,
    stats: {
      round: options.round,
      prompts: options.prompts.length,
      generation_failures: failures.length,
      samples: scored.length,
      errored: scored.length - usable.length,
      pairs: pairs.length,
      prompts_with_pairs: withPairs,
      margin_mean: mean(pairs.map((pair) => pair.margin)),
      reward_mean: mean(usable.filter((row) => row.meta?.teacher !== true).map((row) => row.reward)),
      chosen_reward_mean: mean(pairs.map((pair) => pair.chosen_reward)),
      rejected_reward_mean: mean(pairs.map((pair) => pair.rejected_reward)),
      teacher_chosen: pairs.filter((pair) => pair.chosen_id.endsWith("-teacher")).length,
    },
  };
}
