import { type Claim, claim } from "../results.js";

export const rankingThreshold = 0.8;
export const baselineCeiling = 0.5;
export const sanityThreshold = 0.95;
export const rftShare = 0.5;
export const btAccuracyThreshold = 0.8;

export function polarClaims(input: {
  rho: { polar: number; bradleyTerry: number };
  btHeldOutAccuracy: number;
  btOwnTargetRho: number;
  identical: number;
  rft: Record<string, number>;
}): Claim[] {
  const start = input.rft.start_distance as number;
  const polarEnd = input.rft.polar_distance_to_target as number;
  const btEnd = input.rft.bradley_terry_distance_to_target as number;
  return [
    claim(
      `Dou et al.: POLAR ranks unseen policies by closeness to an unseen reference policy (mean Spearman ρ ≥ ${rankingThreshold})`,
      input.rho.polar >= rankingThreshold,
      { mean_spearman_polar: input.rho.polar, required: rankingThreshold },
    ),
    claim(
      `Dou et al.: a Bradley–Terry RM trained on the same number of labels does not (mean ρ ≤ ${baselineCeiling}, ≥ 0.3 below POLAR)`,
      input.rho.bradleyTerry <= baselineCeiling && input.rho.polar - input.rho.bradleyTerry >= 0.3,
      {
        mean_spearman_bt: input.rho.bradleyTerry,
        mean_spearman_polar: input.rho.polar,
        ceiling: baselineCeiling,
      },
    ),
    claim(
      `The BT RM learned what its labels say: held-out accuracy on new preference pairs of the same kind ≥ ${btAccuracyThreshold} (it knows one target, not closeness in general)`,
      input.btHeldOutAccuracy >= btAccuracyThreshold,
      {
        bt_held_out_accuracy: input.btHeldOutAccuracy,
        bt_spearman_own_target: input.btOwnTargetRho,
        required: btAccuracyThreshold,
      },
    ),
    claim(
      `POLAR's README: an output identical to the reference outscores another policy's output (share ≥ ${sanityThreshold})`,
      input.identical >= sanityThreshold,
      { share: input.identical, required: sanityThreshold },
    ),
    claim(
      `Dou et al. (RFT): with POLAR as the reward and the target's responses as references, policy gradient brings the policy at least ${100 * rftShare}% closer to the target, and closer than RFT on the BT reward`,
      polarEnd <= (1 - rftShare) * start && polarEnd < btEnd,
      {
        start_distance: start,
        polar_end_distance: polarEnd,
        bt_end_distance: btEnd,
        required_share: rftShare,
      },
    ),
  ];
}
