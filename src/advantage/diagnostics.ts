import { RunningStats } from "../core/index.js";
import type { Groups } from "./groups.js";
import { isZeroStd, moments } from "./statistics.js";

/** One group's line in a per-group report. */
export interface GroupSummary {
  group: string | number | null;
  size: number;
  reward_mean: number;
  reward_std: number;
  advantage_mean: number;
  advantage_min: number;
  advantage_max: number;
  zero_std: boolean;
  all_correct: boolean;
  all_wrong: boolean;
  filtered: boolean;
}

export interface DiagnosticsOptions {
  /** A reward at or above this counts as correct (default 1, for 0/1 verifiable rewards). */
  correctAt?: number;
  /**
   * A reward at or below this counts as wrong. Default: any reward below `correctAt` is wrong, so an
   * "all wrong" group is one where no sample reached `correctAt` (with shaped rewards — format
   * bonuses, length terms — a wrong answer rarely scores exactly 0).
   */
  wrongAt?: number;
}

export interface DiagnosticsBatch {
  rewards: readonly number[];
  advantages: readonly number[];
  groups: Groups;
  keep?: readonly boolean[] | undefined;
}

/**
 * What trainer users look at to see whether a batch can teach anything: how many groups have no
 * spread (zero std: GRPO gives them no gradient), how many are all-correct or all-wrong, how many
 * were filtered, and the advantages' mean and std. Accumulates over batches (groups never span two).
 */
export class AdvantageDiagnostics {
  readonly #correctAt: number;
  readonly #wrongAt: number | undefined;
  samples = 0;
  groups = 0;
  singletonGroups = 0;
  zeroStdGroups = 0;
  allCorrectGroups = 0;
  allWrongGroups = 0;
  filteredGroups = 0;
  filteredSamples = 0;
  readonly reward = new RunningStats();
  /** Advantages of the samples that were kept (filtered ones carry no signal). */
  readonly advantage = new RunningStats();

  constructor(options: DiagnosticsOptions = {}) {
    this.#correctAt = options.correctAt ?? 1;
    this.#wrongAt = options.wrongAt;
  }

  /** Adds one batch and returns its per-group summaries. */
  add(batch: DiagnosticsBatch): GroupSummary[] {
    const summaries: GroupSummary[] = [];
    const { rewards, advantages, groups, keep } = batch;
    for (let position = 0; position < groups.members.length; position++) {
      const members = groups.members[position] as readonly number[];
      const rewardMoments = moments(rewards, "population", members);
      const advantageMoments = moments(advantages, "population", members);
      let minimum = Number.POSITIVE_INFINITY;
      let maximum = Number.NEGATIVE_INFINITY;
      let allCorrect = true;
      let allWrong = true;
      for (const index of members) {
        const reward = rewards[index] as number;
        const advantage = advantages[index] as number;
        if (advantage < minimum) minimum = advantage;
        if (advantage > maximum) maximum = advantage;
        if (!(reward >= this.#correctAt)) allCorrect = false;
        if (this.#wrongAt === undefined ? !(reward < this.#correctAt) : !(reward <= this.#wrongAt))
          allWrong = false;
        this.reward.push(reward);
      }
      const filtered = keep !== undefined && keep[members[0] as number] === false;
      const zeroStd = members.length > 1 && isZeroStd(rewardMoments.std);
      this.samples += members.length;
      this.groups++;
      if (members.length === 1) this.singletonGroups++;
      if (zeroStd) this.zeroStdGroups++;
      if (allCorrect) this.allCorrectGroups++;
      if (allWrong) this.allWrongGroups++;
      if (filtered) {
        this.filteredGroups++;
        this.filteredSamples += members.length;
      } else {
        for (const index of members) this.advantage.push(advantages[index] as number);
      }
      summaries.push({
        group: groups.labels[position] ?? null,
        size: members.length,
        reward_mean: rewardMoments.mean,
        reward_std: rewardMoments.std,
        advantage_mean: advantageMoments.mean,
        advantage_min: minimum,
        advantage_max: maximum,
        zero_std: zeroStd,
        all_correct: allCorrect,
        all_wrong: allWrong,
        filtered,
      });
    }
    return summaries;
  }

  /** The figures, flat, as estimators report them in `diagnostics`. */
  toJSON(): Record<string, number> {
    const multi = this.groups - this.singletonGroups;
    return {
      samples: this.samples,
      groups: this.groups,
      singleton_groups: this.singletonGroups,
      zero_std_groups: this.zeroStdGroups,
      zero_std_fraction: multi > 0 ? this.zeroStdGroups / multi : 0,
      all_correct_groups: this.allCorrectGroups,
      all_wrong_groups: this.allWrongGroups,
      filtered_groups: this.filteredGroups,
      filtered_samples: this.filteredSamples,
      reward_mean: this.reward.count > 0 ? this.reward.mean : 0,
      reward_std: this.reward.std,
      advantage_mean: this.advantage.count > 0 ? this.advantage.mean : 0,
      advantage_std: this.advantage.std,
    };
  }
}
