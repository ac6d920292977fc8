import {
  type DonorGenerationRecord,
  type DonorPolicy,
  nextPopulation,
  playDonorGeneration,
} from "../../env/games/donor-game/index.js";

/** One arm of the Donor Game experiment: are traces shown, is punishment allowed and at what ratio. */
export interface DonorCondition {
  name: string;
  tracesVisible: boolean;
  punishment: boolean;
  /** Resources removed from the recipient per unit the punisher spends (the paper: 2). */
  punishmentEffect: number;
}

/** How agents of one kind (scripted rules, LLMs) are made, act and are reproduced. */
export interface DonorAgents<Strategy> {
  initial(count: number, condition: DonorCondition): Promise<Strategy[]>;
  policy(strategy: Strategy, condition: DonorCondition, names: readonly string[]): DonorPolicy;
  /** A newcomer's strategy from the survivors' (cultural transmission). */
  newcomer(survivors: readonly Strategy[], condition: DonorCondition, generation: number): Promise<Strategy>;
}

export interface DonorGameSettings {
  agents: number;
  generations: number;
  rounds: number;
  endowment: number;
  multiplier: number;
  traceDepth: number;
  survivalShare: number;
}

export interface GenerationSummary {
  generation: number;
  donation_fraction: number;
  punishment_rate: number;
  median_resources: number;
  mean_resources: number;
}

export interface DonorEvolution<Strategy> {
  generations: GenerationSummary[];
  /** The last generation's record (its matrices become the report's reputation matrix). */
  last: DonorGenerationRecord;
  /** The strategies of every generation, in play order. */
  strategies: Strategy[][];
}

/**
 * Cultural evolution in the Donor Game (Vallinder & Hughes; docs/methods/rm-rl.md §24): play a
 * generation, keep the richest `survivalShare`, fill the population with newcomers made from the
 * survivors' strategies, repeat.
 */
export async function evolveDonors<Strategy>(input: {
  agents: DonorAgents<Strategy>;
  condition: DonorCondition;
  settings: DonorGameSettings;
  next: () => number;
}): Promise<DonorEvolution<Strategy>> {
  const { settings, condition } = input;
  const names = Array.from({ length: settings.agents }, (_, index) => `Agent ${index + 1}`);
  let strategies = await input.agents.initial(settings.agents, condition);
  const generations: GenerationSummary[] = [];
  const history: Strategy[][] = [];
  let last: DonorGenerationRecord | undefined;
  for (let generation = 1; generation <= settings.generations; generation++) {
    history.push(strategies);
    last = await playDonorGeneration({
      generation,
      policies: strategies.map((strategy) => input.agents.policy(strategy, condition, names)),
      settings: {
        rounds: settings.rounds,
        endowment: settings.endowment,
        multiplier: settings.multiplier,
        punishmentEffect: condition.punishmentEffect,
        traceDepth: settings.traceDepth,
        tracesVisible: condition.tracesVisible,
      },
      next: input.next,
    });
    const sorted = [...last.resources].sort((left, right) => left - right);
    generations.push({
      generation,
      donation_fraction: last.donationFraction,
      punishment_rate: last.punishmentRate,
      median_resources: median(sorted),
      mean_resources: sorted.reduce((total, value) => total + value, 0) / sorted.length,
    });
    if (generation < settings.generations) {
      strategies = await nextPopulation({
        strategies,
        resources: last.resources,
        survivalShare: settings.survivalShare,
        newcomer: (survivors) => input.agents.newcomer(survivors, condition, generation + 1),
      });
    }
  }
  if (!last) throw new RangeError("the Donor Game needs at least one generation");
  return { generations, last, strategies: history };
}

function median(sorted: readonly number[]): number {
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}
