import { type Claim, claim } from "../results.js";
import type { SamplerTraining } from "../worlds/gflownet-training.js";

/** A mode is "covered" by a sampler that gives it at least this share of its target probability. */
export const coveredShare = 0.5;

/** The modes (highest-reward states) to which the sampler gives at least `coveredShare` of R(x)/Z. */
export function coveredModes(run: SamplerTraining): number {
  return run.modes.filter(
    (mode) => (run.distribution[mode] as number) >= coveredShare * (run.target[mode] as number),
  ).length;
}

export function gflownetClaims(tb: SamplerTraining, reinforce: SamplerTraining): Claim[] {
  const tbFirst = tb.checkpoints[0];
  const tbLast = tb.checkpoints.at(-1);
  const reinforceLast = reinforce.checkpoints.at(-1);
  if (!tbFirst || !tbLast || !reinforceLast) throw new RangeError("a training run has no checkpoints");
  const modeCount = tb.modes.length;
  const reinforceTop = Math.max(...reinforce.distribution);
  return [
    claim(
      "Malkin et al.: trajectory balance learns to sample in proportion to reward — the sampler's exact L1 to R(x)/Z at the end is under half of its first checkpoint's, and so is the empirical L1 of its last window of samples",
      tbLast.exactL1 < 0.5 * tbFirst.exactL1 && tbLast.empiricalL1 < 0.5 * tbFirst.exactL1,
      {
        tb_first_exact_l1: tbFirst.exactL1,
        tb_final_exact_l1: tbLast.exactL1,
        tb_final_empirical_l1: tbLast.empiricalL1,
      },
    ),
    claim(
      "Bengio et al.: the number of modes a TB GFlowNet has found grows during training, to all 2^D modes",
      tbLast.modesFound > tbFirst.modesFound && tbLast.modesFound === modeCount,
      { tb_first_modes_found: tbFirst.modesFound, tb_final_modes_found: tbLast.modesFound, modes: modeCount },
    ),
    claim(
      `The trained TB sampler covers every mode (at least ${coveredShare} of each mode's target probability) and its log Z is within 0.1 of the true log partition`,
      coveredModes(tb) === modeCount && Math.abs(tb.logPartition - tb.trueLogPartition) < 0.1,
      {
        tb_covered_modes: coveredModes(tb),
        modes: modeCount,
        tb_log_z: tb.logPartition,
        true_log_z: tb.trueLogPartition,
      },
    ),
    claim(
      "Bengio et al.: a reward-maximizing policy (REINFORCE, same tabular policy) collapses — it covers at most one mode and puts more than half of its mass on one state",
      coveredModes(reinforce) <= 1 && reinforceTop > 0.5,
      {
        reinforce_covered_modes: coveredModes(reinforce),
        reinforce_top_state_probability: reinforceTop,
        target_top_state_probability: Math.max(...reinforce.target),
      },
    ),
    claim(
      "Reward maximization ends farther from R(x)/Z than trajectory balance (final empirical L1)",
      reinforceLast.empiricalL1 > tbLast.empiricalL1,
      { reinforce_final_l1: reinforceLast.empiricalL1, tb_final_l1: tbLast.empiricalL1 },
    ),
  ];
}
