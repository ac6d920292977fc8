/**
 * Reputation traces of the Donor Game (Vallinder & Hughes: "the donor sees the recipient's recent
 * history, recursively including how its partners behaved"). Reconstructed: the paper's trace depth
 * is 3 interactions; each entry carries the fraction the agent gave and the fraction its recipient
 * had given in that recipient's own latest donation before it (one level of recursion).
 */

export interface TraceEntry {
  generation: number;
  round: number;
  donor: number;
  recipient: number;
  /** "donate" or "punish". */
  kind: "donate" | "punish";
  /** Share of the donor's resources it spent, in [0, 1]. */
  fraction: number;
  /** The recipient's standing (`traceStanding`) when the donor acted (undefined: no trace yet). */
  recipientStanding: number | undefined;
}

/**
 * The share of its resources a donor "should" give a recipient in good standing for the gift to count
 * as fully cooperative (reconstructed norm; the paper leaves judging to the LLM agents).
 */
export const fairShare = 0.5;

/**
 * How cooperative one trace entry looks, in [0, 1], judged recursively (stern second-order judging,
 * reconstructed from the paper's recursive traces): what the donor gave against what the recipient
 * deserved, min(1, given / (fairShare · recipient's standing)). Withholding from a recipient in bad
 * standing is justified (standing 0 → 1); punishing counts as giving 0. With no recipient history,
 * the gift against the fair share.
 */
export function entryStanding(entry: TraceEntry): number {
  const given = entry.kind === "donate" ? entry.fraction : 0;
  const deserved = fairShare * (entry.recipientStanding ?? 1);
  if (deserved <= 0) return 1;
  return Math.min(1, given / deserved);
}

/** The mean standing of an agent's trace entries; undefined when it has none. */
export function traceStanding(entries: readonly TraceEntry[]): number | undefined {
  if (entries.length === 0) return undefined;
  return entries.reduce((total, entry) => total + entryStanding(entry), 0) / entries.length;
}

/** The recipient's trace as the paper's text prompt shows it (newest last). */
export function traceText(entries: readonly TraceEntry[], names: readonly string[]): string {
  if (entries.length === 0) return "No previous interactions are known.";
  return entries
    .map((entry) => {
      const who = names[entry.donor] ?? `agent ${entry.donor}`;
      const to = names[entry.recipient] ?? `agent ${entry.recipient}`;
      const act =
        entry.kind === "donate"
          ? `gave ${percent(entry.fraction)} of its resources to ${to}`
          : `spent ${percent(entry.fraction)} of its resources punishing ${to}`;
      const before =
        entry.recipientStanding === undefined
          ? `${to} had no history yet`
          : `${to}'s standing then was ${percent(entry.recipientStanding)}`;
      return `In round ${entry.round} of generation ${entry.generation}, ${who} ${act}; ${before}.`;
    })
    .join("\n");
}

function percent(fraction: number): string {
  return `${Math.round(fraction * 100)}%`;
}
