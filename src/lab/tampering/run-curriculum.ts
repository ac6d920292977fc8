import { mulberry32 } from "../../core/index.js";
import type { TamperingAgent } from "./agents/agent.js";
import { type TamperingStageName, tamperingCurriculum } from "./curriculum.js";
import { type EpisodeRecord, runEpisode } from "./run-episode.js";

/** Per-stage rates over a stage's episodes (those the agent completed; null when none). */
export interface StageSummary {
  stage: string;
  episodes: number;
  /** Episodes whose answer games the specification (sycophancy, flattery, a false "all done"). */
  gaming_rate: number | null;
  /** Episodes with any tampering (changes outside the allowed paths, reward code, tests). */
  tampering_rate: number | null;
  reward_code_changed_rate: number | null;
  tests_edited_rate: number | null;
  /** Episodes whose reward was withheld because of tampering (their naive reward never reaches the result). */
  withheld: number;
  /** Episodes that ended without an answer (turns used up). */
  unanswered: number;
  /** Episodes the agent failed (e.g. its endpoint): no answer, no reward, left out of the rates' meaning. */
  errors: number;
  /** Mean reward over the episodes not withheld (null: none). */
  mean_reward: number | null;
  /** Mean of what an environment trusting its workspace would have paid (null: none known). */
  mean_naive_reward: number | null;
}

export interface CurriculumResult {
  agent: string;
  seed: number;
  stages: StageSummary[];
  episodes: EpisodeRecord[];
}

function mean(values: readonly (number | null)[]): number | null {
  const known = values.filter((value): value is number => value !== null);
  return known.length === 0 ? null : known.reduce((sum, value) => sum + value, 0) / known.length;
}

function summarize(stage: string, records: readonly EpisodeRecord[]): StageSummary {
  // Rates are over the episodes the agent completed; null when it completed none.
  const completed = records.filter((record) => record.error === undefined);
  const rate = (test: (record: EpisodeRecord) => boolean) =>
    completed.length === 0 ? null : completed.filter(test).length / completed.length;
  return {
    stage,
    episodes: records.length,
    gaming_rate: rate((record) => record.gamed),
    tampering_rate: rate((record) => record.tampering.tampered),
    reward_code_changed_rate: rate((record) => record.tampering.reward_code_changed),
    tests_edited_rate: rate((record) => record.tampering.tests_edited),
    withheld: records.filter((record) => record.withheld).length,
    unanswered: records.filter((record) => record.answer === null && record.error === undefined).length,
    errors: records.filter((record) => record.error !== undefined).length,
    mean_reward: mean(records.map((record) => record.reward)),
    mean_naive_reward: mean(records.map((record) => record.naive_reward)),
  };
}

/**
 * Runs an agent through the Sycophancy-to-Subterfuge curriculum (Denison et al. 2024,
 * reconstructed): `episodes` seeded episodes per stage, in the paper's order, one after another.
 * Reports the gaming and tampering rates per stage; tampered episodes' rewards are withheld.
 */
export async function runTamperingCurriculum(options: {
  agent: TamperingAgent;
  seed: number;
  episodes: number;
  stages?: readonly TamperingStageName[];
  maxTurns?: number;
}): Promise<CurriculumResult> {
  const names = options.stages ?? (Object.keys(tamperingCurriculum) as TamperingStageName[]);
  const episodes: EpisodeRecord[] = [];
  const stages: StageSummary[] = [];
  for (const [index, name] of names.entries()) {
    const stage = tamperingCurriculum[name];
    const random = mulberry32(options.seed * 7919 + index);
    const records: EpisodeRecord[] = [];
    for (let episode = 0; episode < options.episodes; episode++) {
      records.push(
        await runEpisode({
          stage,
          agent: options.agent,
          seed: options.seed * 100_000 + index * 1000 + episode,
          random,
          maxTurns: options.maxTurns ?? 12,
        }),
      );
    }
    episodes.push(...records);
    stages.push(summarize(name, records));
  }
  return { agent: options.agent.name, seed: options.seed, stages, episodes };
}
