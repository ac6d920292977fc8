/**
 * The Donor Game's rules (Vallinder & Hughes 2024, arXiv 2412.10270; docs/methods/rm-rl.md §24):
 * a donor gives d of its resources and the recipient receives multiplier·d (the paper: 2); with
 * costly punishment the donor may instead spend p to remove effect·p from the recipient (the
 * paper: 1:2), down to 0 at most. Pure functions of numbers; the generation loop is in `play-generation.ts`.
 */

/** What a donor does with one recipient. */
export interface DonorAction {
  kind: "donate" | "punish";
  /** Resources the donor spends, clipped to [0, the donor's resources]. */
  amount: number;
}

export interface DonorExchange {
  donor: number;
  recipient: number;
  /** What the donor actually spent (after clipping). */
  spent: number;
}

/**
 * The donor's and recipient's resources after one action. Worked example (§24): a donor with 10
 * giving 3 keeps 7 and the recipient gains 6; punishing with 2 costs 2 and removes 4.
 */
export function applyDonorAction(input: {
  donor: number;
  recipient: number;
  action: DonorAction;
  multiplier: number;
  punishmentEffect: number;
}): DonorExchange {
  const spent = Math.min(Math.max(0, input.action.amount), Math.max(0, input.donor));
  if (input.action.kind === "donate") {
    return { donor: input.donor - spent, recipient: input.recipient + input.multiplier * spent, spent };
  }
  // A recipient cannot lose more than it has (reconstructed: the paper does not say; resources stay ≥ 0).
  return {
    donor: input.donor - spent,
    recipient: Math.max(0, input.recipient - input.punishmentEffect * spent),
    spent,
  };
}
