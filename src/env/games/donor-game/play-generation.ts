import { shuffleInPlace } from "../../seeds.js";
import { applyDonorAction, type DonorAction } from "./donor-rules.js";
import { type TraceEntry, traceStanding } from "./donor-trace.js";

/** What a donor is told before it acts. */
export interface DonorDecision {
  generation: number;
  round: number;
  donor: number;
  recipient: number;
  donorResources: number;
  /** The recipient's last `traceDepth` actions as a donor; undefined when traces are hidden. */
  recipientTrace: readonly TraceEntry[] | undefined;
}

/** One agent's rule (scripted) or model (LLM): a decision in, an action out. */
export type DonorPolicy = (decision: DonorDecision) => DonorAction | Promise<DonorAction>;

export interface DonorGenerationSettings {
  rounds: number;
  endowment: number;
  multiplier: number;
  punishmentEffect: number;
  traceDepth: number;
  /** Whether donors see recipients' traces (the paper's reputation condition). */
  tracesVisible: boolean;
}

export interface DonorGenerationRecord {
  /** Each agent's resources at the end of the generation. */
  resources: number[];
  entries: TraceEntry[];
  /** given[donor][recipient]: summed fractions donated (punishments count negative). */
  given: number[][];
  /** meetings[donor][recipient]: how often donor acted towards recipient. */
  meetings: number[][];
  /** The mean share of their resources donors gave (punishments count 0). */
  donationFraction: number;
  /** Share of actions that were punishments. */
  punishmentRate: number;
}

/**
 * One generation of the Donor Game: every agent starts with the endowment; each round the agents are
 * put in a random cycle and each donates to the next (so each is donor and recipient once a round —
 * reconstructed: the paper pairs agents at random with alternating roles).
 */
export async function playDonorGeneration(input: {
  generation: number;
  policies: readonly DonorPolicy[];
  settings: DonorGenerationSettings;
  next: () => number;
}): Promise<DonorGenerationRecord> {
  const count = input.policies.length;
  const { settings } = input;
  const resources = new Array<number>(count).fill(settings.endowment);
  const history: TraceEntry[][] = Array.from({ length: count }, () => []);
  const entries: TraceEntry[] = [];
  const given = Array.from({ length: count }, () => new Array<number>(count).fill(0));
  const meetings = Array.from({ length: count }, () => new Array<number>(count).fill(0));
  let fractionTotal = 0;
  let punishments = 0;
  for (let round = 1; round <= settings.rounds; round++) {
    const order = shuffleInPlace(
      Array.from({ length: count }, (_, index) => index),
      input.next,
    );
    for (let at = 0; at < count; at++) {
      const donor = order[at] as number;
      const recipient = order[(at + 1) % count] as number;
      const donorResources = resources[donor] as number;
      const action = await (input.policies[donor] as DonorPolicy)({
        generation: input.generation,
        round,
        donor,
        recipient,
        donorResources,
        recipientTrace: settings.tracesVisible
          ? (history[recipient] as TraceEntry[]).slice(-settings.traceDepth)
          : undefined,
      });
      const exchange = applyDonorAction({
        donor: donorResources,
        recipient: resources[recipient] as number,
        action,
        multiplier: settings.multiplier,
        punishmentEffect: settings.punishmentEffect,
      });
      resources[donor] = exchange.donor;
      resources[recipient] = exchange.recipient;
      const fraction = donorResources > 0 ? exchange.spent / donorResources : 0;
      const entry: TraceEntry = {
        generation: input.generation,
        round,
        donor,
        recipient,
        kind: action.kind,
        fraction,
        recipientStanding: traceStanding((history[recipient] as TraceEntry[]).slice(-settings.traceDepth)),
      };
      (history[donor] as TraceEntry[]).push(entry);
      entries.push(entry);
      (given[donor] as number[])[recipient] =
        ((given[donor] as number[])[recipient] as number) + (action.kind === "donate" ? fraction : -fraction);
      (meetings[donor] as number[])[recipient] = ((meetings[donor] as number[])[recipient] as number) + 1;
      if (action.kind === "donate") fractionTotal += fraction;
      else punishments++;
    }
  }
  const actions = count * settings.rounds;
  return {
    resources,
    entries,
    given,
    meetings,
    donationFraction: fractionTotal / actions,
    punishmentRate: punishments / actions,
  };
}
