import type { InspectRow } from "./inspect-row.js";

/** One group of rows (samples of one prompt), as the page lists it. */
export interface GroupSummary {
  group: string;
  size: number;
  /** Rows of the group, by index. */
  rows: number[];
  reward_mean: number | null;
  /** Population std of the rewards (what GRPO normalizes by). */
  reward_std: number | null;
  advantages: Array<number | null>;
  zero_std: boolean;
  all_correct: boolean;
  all_wrong: boolean;
}

export interface GroupCounts {
  groups: number;
  singleton_groups: number;
  zero_std_groups: number;
  all_correct_groups: number;
  all_wrong_groups: number;
}

/**
 * The rows' groups with GRPO's group states, as the advantage room's diagnostics count them: a
 * zero-std group has more than one row and a reward std that torch.isclose calls 0 (TRL's test,
 * |std| ≤ 1e-8); all correct: every reward ≥ `correctAt` (default 1); all wrong: none reaches it.
 * Rows without a reward are left out of the figures (they still belong to the group).
 */
export function groupTable(rows: readonly InspectRow[], options: { correctAt: number }): GroupSummary[] {
  const members = new Map<string, InspectRow[]>();
  for (const row of rows) {
    if (row.group === undefined) continue;
    const list = members.get(row.group);
    if (list) list.push(row);
    else members.set(row.group, [row]);
  }
  return [...members].map(([group, list]) => {
    const rewards = list.map((row) => row.reward).filter((reward): reward is number => reward !== null);
    const mean = rewards.length > 0 ? rewards.reduce((sum, value) => sum + value, 0) / rewards.length : null;
    const std =
      mean === null
        ? null
        : Math.sqrt(rewards.reduce((sum, value) => sum + (value - mean) ** 2, 0) / rewards.length);
    return {
      group,
      size: list.length,
      rows: list.map((row) => row.index),
      reward_mean: mean,
      reward_std: std,
      advantages: list.map((row) => row.advantage ?? null),
      zero_std: list.length > 1 && std !== null && !(Math.abs(std) > 1e-8),
      all_correct: rewards.length > 0 && rewards.every((reward) => reward >= options.correctAt),
      all_wrong: rewards.length > 0 && rewards.every((reward) => reward < options.correctAt),
    };
  });
}

export function groupCounts(groups: readonly GroupSummary[]): GroupCounts {
  return {
    groups: groups.length,
    singleton_groups: groups.filter((group) => group.size === 1).length,
    zero_std_groups: groups.filter((group) => group.zero_std).length,
    all_correct_groups: groups.filter((group) => group.all_correct).length,
    all_wrong_groups: groups.filter((group) => group.all_wrong).length,
  };
}
