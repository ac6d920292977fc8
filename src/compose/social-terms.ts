/**
 * Reward terms of Direct Punishment in MARL (Dasgupta & Musolesi, arXiv 2301.08278;
 * docs/methods/rm-rl.md §25; their code's Mechanisms/Punishment.py and Reputation.py): pure
 * functions of one interaction, wrapped by the `reputation` and `punishment` nodes.
 */

/** A player's move in the social dilemma. */
export type SocialMove = "cooperate" | "defect";

/** What a punisher decided about its victim. */
export type PunishmentDecision = "punish" | "spare";

export interface ReputationChange {
  /** Added for the move: C +1, D −1 (§25). */
  move: number;
  /** Added for punishing: just (victim defected) +2, unjust (victim cooperated) −3, none 0. */
  punishment: number;
}

export interface ReputationValues {
  cooperate: number;
  defect: number;
  justPunishment: number;
  unjustPunishment: number;
}

export const defaultReputationChange: ReputationValues = {
  cooperate: 1,
  defect: -1,
  justPunishment: 2,
  unjustPunishment: -3,
};

/** How one interaction changes the actor's global reputation scalar (§25). */
export function reputationChange(input: {
  move?: SocialMove | undefined;
  punishment?: { decision: PunishmentDecision; victimMove: SocialMove } | undefined;
  values?: ReputationValues;
}): ReputationChange {
  const values = input.values ?? defaultReputationChange;
  const move = input.move === undefined ? 0 : input.move === "cooperate" ? values.cooperate : values.defect;
  const punishment =
    input.punishment === undefined || input.punishment.decision === "spare"
      ? 0
      : input.punishment.victimMove === "defect"
        ? values.justPunishment
        : values.unjustPunishment;
  return { move, punishment };
}

export interface PunishmentPayoffs {
  /** Added to the victim's play reward when punished (§25: −3). */
  victimPenalty: number;
  /** The punisher's reward for punishing a defector (§25: +2; the costly variant −3). */
  just: number;
  /** The punisher's reward for punishing a cooperator (§25: −10). */
  unjust: number;
}

export const defaultPunishmentPayoffs: PunishmentPayoffs = { victimPenalty: -3, just: 2, unjust: -10 };

/**
 * The reward of one punishment decision for the punisher and for its victim. Worked example (§25):
 * both defect and the partner punishes you justly — you get −3 on top of your play reward 1 (−2),
 * the punisher +2 on top of its own 1.
 */
export function punishmentRewards(
  decision: PunishmentDecision,
  victimMove: SocialMove,
  payoffs: PunishmentPayoffs = defaultPunishmentPayoffs,
): { punisher: number; victim: number } {
  if (decision === "spare") return { punisher: 0, victim: 0 };
  return {
    punisher: victimMove === "defect" ? payoffs.just : payoffs.unjust,
    victim: payoffs.victimPenalty,
  };
}

/** A move from a row's value: "C"/"D", "cooperate"/"defect", 0 (C) / 1 (D) as in the paper's code, or a boolean "cooperated". */
export function parseMove(value: unknown): SocialMove | undefined {
  if (value === 0 || value === true) return "cooperate";
  if (value === 1 || value === false) return "defect";
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase();
  if (text === "c" || text === "cooperate") return "cooperate";
  if (text === "d" || text === "defect") return "defect";
  return undefined;
}

/** A punishment decision from a row's value: a boolean, or "punish"/"spare"/"P"/"NP". */
export function parseDecision(value: unknown): PunishmentDecision | undefined {
  if (value === true) return "punish";
  if (value === false) return "spare";
  if (typeof value !== "string") return undefined;
  const text = value.trim().toLowerCase();
  if (text === "punish" || text === "p") return "punish";
  if (text === "spare" || text === "np" || text === "none") return "spare";
  return undefined;
}

/** The value at a dotted path of a row (`meta.agent`, `info.move`); undefined when absent. */
export function rowValue(row: unknown, path: string): unknown {
  let value = row;
  for (const key of path.split(".")) {
    value = typeof value === "object" && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}
