import { type Context, mulberry32, type Reward } from "../../core/index.js";
import { distinctFraction, distinctNgrams } from "../diversity.js";
import type { GenerationSettings, TextGenerator } from "../generation/text-generator.js";
import { globalTopIndices, sampledIndices, topIndices } from "../rank.js";
import { type GenerationFailure, sampleAll } from "./generate.js";
import { byGroup, mean, type PromptRow, type ScoredRow, scoreSamples } from "./scoring.js";

/**
 * RAFT (Dong et al. 2023, rlhf.md §17): generate k per prompt → score → keep the best → the round's
 * fine-tuning set. local: the `keep` best of each prompt (LMFlow's default, keep = 1); global: the
 * `keep × prompts` best of the whole round (LMFlow's `top_reward_percentage` = keep / k); sampled:
 * `keep` per prompt drawn ∝ exp(reward / selection_temperature) (LMFlow's `_sample_index`).
 */
export interface RaftOptions {
  generator: TextGenerator;
  reward: Reward;
  context: Context;
  prompts: readonly PromptRow[];
  /** Samples per prompt (LMFlow: 8). */
  k: number;
  keep: number;
  selection: "local" | "global" | "sampled";
  selectionTemperature?: number;
  settings: GenerationSettings;
  seed: number;
  concurrency?: number;
}

export interface RaftRoundStats {
  round: number;
  prompts: number;
  /** Prompts whose generation failed. */
  generation_failures: number;
  samples: number;
  /** Samples whose reward errored (never selected). */
  errored: number;
  /** Mean reward of every sample: the policy's reward this round. */
  reward_mean: number;
  /** Mean over prompts of their best sample's reward. */
  best_reward_mean: number;
  selected: number;
  selected_reward_mean: number;
  /** Distinct word bigrams over all samples, and over the selected (Li et al.'s distinct-2). */
  distinct_2: number;
  distinct_2_selected: number;
  /** Mean over prompts of the share of distinct texts among its samples. */
  distinct_texts: number;
}

export interface RaftRound {
  samples: ScoredRow[];
  /** Prompts whose generation failed this round (after the client's retries). */
  failures: GenerationFailure[];
  selected: ScoredRow[];
  stats: RaftRoundStats;
}

/** One RAFT round: the samples (scored) and the selected fine-tuning set with its statistics. */
export async function raftRound(
  options: RaftOptions & { round: number; onPrompt?: () => void },
): Promise<RaftRound> {
  const { samples, failures } = await sampleAll({
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
  const scored = await scoreSamples({ reward: options.reward, context: options.context, samples });
  const usable = scored.filter((row) => row.error === undefined);
  const groups = byGroup(usable);
  const selected = selectRaft(groups, options);
  const texts = scored.map((row) => row.completion);
  return {
    samples: scored,
    failures,
    selected,
    stats: {
      round: options.round,
      prompts: options.prompts.length,
      generation_failures: failures.length,
      samples: scored.length,
      errored: scored.length - usable.length,
      reward_mean: mean(usable.map((row) => row.reward)),
      best_reward_mean: mean(groups.map((group) => Math.max(...group.map((row) => row.reward)))),
      selected: selected.length,
      selected_reward_mean: mean(selected.map((row) => row.reward)),
      distinct_2: distinctNgrams(texts, { n: 2 }),
      distinct_2_selected: distinctNgrams(
        selected.map((row) => row.completion),
        { n: 2 },
      ),
      distinct_texts: mean(
        byGroup(scored).map((group) => distinctFraction(group.map((row) => row.completion))),
      ),
    },
  };
}

function selectRaft(groups: readonly ScoredRow[][], options: RaftOptions & { round: number }): ScoredRow[] {
  const rewards = groups.map((group) => group.map((row) => row.reward));
  if (options.selection === "global") {
    return globalTopIndices(rewards, options.keep * groups.length).map(
      ([group, index]) => groups[group]?.[index] as ScoredRow,
    );
  }
  if (options.selection === "sampled") {
    const random = mulberry32(options.seed ^ (0x9e3779b1 * (options.round + 1)));
    return groups.flatMap((group, at) =>
      sampledIndices({
        scores: rewards[at] as number[],
        k: options.keep,
        temperature: options.selectionTemperature ?? 1,
        random,
      }).map((index) => group[index] as ScoredRow),
    );
  }
  return groups.flatMap((group, at) =>
    topIndices(rewards[at] as number[], options.keep).map((index) => group[index] as ScoredRow),
  );
}

/**
 * RAFT's rounds: each round samples from the generator as it is then (a server whose weights the
 * caller updates between rounds, or the lab's model fine-tuned in `onRound`).
 */
export async function runRaft(
  options: RaftOptions & { rounds: number; onRound: (round: RaftRound) => Promise<void> | void },
): Promise<RaftRoundStats[]> {
  const stats: RaftRoundStats[] = [];
  for (let round = 1; round <= options.rounds; round++) {
    const result = await raftRound({ ...options, round });
    stats.push(result.stats);
    await options.onRound(result);
  }
  return stats;
}
