import { type Claim, claim } from "../results.js";

/**
 * The gold win rate of a policy against the base: over each prompt's samples, the share of
 * (policy sample, base sample) pairs in which the policy's gold reward is higher, ties counting ½.
 * Both lists hold `perPrompt` samples a prompt, prompt after prompt.
 */
export function winRate(input: {
  policy: readonly number[];
  base: readonly number[];
  perPrompt: number;
}): number {
  const { policy, base, perPrompt } = input;
  let wins = 0;
  let count = 0;
  for (let start = 0; start < policy.length; start += perPrompt) {
    for (let mine = start; mine < start + perPrompt; mine++) {
      for (let theirs = start; theirs < start + perPrompt; theirs++) {
        const a = policy[mine] as number;
        const b = base[theirs] as number;
        wins += a > b ? 1 : a === b ? 0.5 : 0;
        count++;
      }
    }
  }
  return count === 0 ? Number.NaN : wins / count;
}

export function dnoClaims(input: {
  dnoWins: readonly { step: number; win_rate: number }[];
  offlineWin: number;
  pairs: { dno: number; offline: number };
}): Claim[] {
  const wins = input.dnoWins.filter((entry) => entry.step > 0);
  const first = wins[0]?.win_rate ?? Number.NaN;
  const last = wins[wins.length - 1]?.win_rate ?? Number.NaN;
  return [
    claim(
      "Rosset et al.: on-policy DNO iterations end with a higher gold win rate against the base than one round of offline pairs with the same samples and DPO steps",
      last > input.offlineWin,
      {
        dno: last,
        offline_pairs: input.offlineWin,
        dno_pairs: input.pairs.dno,
        offline_pairs_count: input.pairs.offline,
      },
    ),
    claim(
      "DNO's gold win rate against the base rises over iterations (the last above the first)",
      wins.length > 1 && last > first,
      { first_iteration: first, last_iteration: last, iterations: wins.length },
    ),
    claim("DNO's final policy beats the base (gold win rate above ½)", last > 0.5, {
      win_rate: last,
    }),
  ];
}
