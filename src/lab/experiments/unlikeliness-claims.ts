import { type Claim, claim } from "../results.js";
import type { PassAtNSeries, RankUplift } from "../worlds/pass-metrics.js";

/** The smallest change in a pass rate that counts (absolute). */
export const passThreshold = 0.01;

export function unlikelinessClaims(input: {
  passCurves: readonly PassAtNSeries[];
  uplift: readonly RankUplift[];
  clipping: readonly { method: string; likely_clipped_fraction?: number; rare_clipped_fraction?: number }[];
  largeN: number;
  moreEpochs: number;
}): Claim[] {
  const pass = (method: string, n: number) =>
    input.passCurves.find((series) => series.method === method)?.points.find((point) => point.n === n)
      ?.value ?? Number.NaN;
  const large = input.largeN;
  const moreEpochs = `grpo_${input.moreEpochs}ep`;
  const moreEpochsNoClip = `grpo_${input.moreEpochs}ep_no_clip`;
  const gap = (method: string) => {
    const quartiles = input.uplift.find((entry) => entry.method === method)?.quartiles ?? [];
    return (quartiles[0] ?? Number.NaN) - (quartiles[3] ?? Number.NaN);
  };
  const clipped = input.clipping.find((entry) => entry.method === moreEpochs);
  const likelyClipped = clipped?.likely_clipped_fraction ?? Number.NaN;
  const rareClipped = clipped?.rare_clipped_fraction ?? Number.NaN;
  return [
    claim(
      "He et al.: GRPO raises pass@1 above the base policy's",
      pass("grpo", 1) - pass("base", 1) >= passThreshold,
      { base_pass_at_1: pass("base", 1), grpo_pass_at_1: pass("grpo", 1), required_gain: passThreshold },
    ),
    claim(
      `He et al.: GRPO sharpens the distribution — its pass@${large} falls below the base policy's`,
      pass("base", large) - pass("grpo", large) >= passThreshold,
      { base: pass("base", large), grpo: pass("grpo", large), n: large, required_drop: passThreshold },
    ),
    claim(
      "He et al.: GRPO's rank bias — correct answers the base policy found likely gain more log-probability than rare ones",
      gap("grpo") > 0,
      { most_likely_quartile_minus_least_likely: gap("grpo"), unlikeliness_gap: gap("unlikeliness") },
    ),
    claim(
      `He et al.: the unlikeliness reward keeps more pass@${large} than GRPO`,
      pass("unlikeliness", large) - pass("grpo", large) >= passThreshold,
      {
        unlikeliness: pass("unlikeliness", large),
        grpo: pass("grpo", large),
        n: large,
        required_gain: passThreshold,
      },
    ),
    claim(
      "He et al.: the unlikeliness reward shrinks the rank bias (the likely-minus-rare uplift gap)",
      gap("unlikeliness") < gap("grpo"),
      { grpo_gap: gap("grpo"), unlikeliness_gap: gap("unlikeliness") },
    ),
    claim(
      `He et al.: ${input.moreEpochs} PPO epochs per batch keep more pass@${large} than 1 epoch`,
      pass(moreEpochs, large) - pass("grpo", large) >= passThreshold,
      {
        more_epochs: pass(moreEpochs, large),
        one_epoch: pass("grpo", large),
        epochs: input.moreEpochs,
        n: large,
        required_gain: passThreshold,
      },
    ),
    claim(
      `He et al.'s mechanism: the gain from ${input.moreEpochs} epochs comes from PPO's clip (without the clip, the same epochs keep less pass@${large})`,
      pass(moreEpochs, large) - pass(moreEpochsNoClip, large) >= passThreshold,
      {
        with_clip: pass(moreEpochs, large),
        without_clip: pass(moreEpochsNoClip, large),
        one_epoch: pass("grpo", large),
        n: large,
        required_gain: passThreshold,
      },
    ),
    claim(
      `He et al.'s mechanism: with ${input.moreEpochs} epochs the clip shrinks the rank bias (the likely-minus-rare uplift gap is smaller with the clip than without)`,
      gap(moreEpochs) < gap(moreEpochsNoClip),
      {
        with_clip: gap(moreEpochs),
        without_clip: gap(moreEpochsNoClip),
        one_epoch: gap("grpo"),
      },
    ),
    claim(
      "He et al.'s mechanism: after the first epoch, samples the policy already found likely hit the clip more often than rare ones",
      likelyClipped - rareClipped >= passThreshold,
      {
        likelier_half_clipped: likelyClipped,
        rarer_half_clipped: rareClipped,
        required_difference: passThreshold,
      },
    ),
  ];
}
