import { traceText } from "../../env/games/donor-game/index.js";
import type { JudgeClient } from "../../judges/index.js";
import type { DonorAgents, DonorCondition } from "./donor-evolution.js";
import {
  type DonorPromptGame,
  donationPrompt,
  parseDonorReply,
  strategyPrompt,
} from "./llm-donor-prompts.js";

/** Calls and replies the LLM agents could not read as an action (counted, never hidden). */
export interface LlmDonorTally {
  calls: number;
  unreadable: number;
}

/**
 * LLM Donor Game agents over any OpenAI-compatible endpoint (the judges' client): each agent writes
 * a strategy (newcomers from the survivors' strategies) and decides each donation from its strategy
 * and the recipient's trace, with the reconstructed prompts of `llm-donor-prompts.ts`. An unreadable
 * reply donates nothing and is counted in `tally`.
 */
export function llmDonorAgents(input: {
  client: JudgeClient;
  game: Omit<DonorPromptGame, "punishment" | "punishmentEffect" | "tracesVisible">;
  temperature: number;
  seed: number;
  tally: LlmDonorTally;
}): DonorAgents<string> {
  const gameOf = (condition: DonorCondition): DonorPromptGame => ({
    ...input.game,
    punishment: condition.punishment,
    punishmentEffect: condition.punishmentEffect,
    tracesVisible: condition.tracesVisible,
  });
  const ask = async (content: string, maxTokens: number) => {
    input.tally.calls++;
    const reply = await input.client.chat(
      { messages: [{ role: "user", content }], temperature: input.temperature, maxTokens, seed: input.seed },
      { signal: AbortSignal.timeout(600_000) },
    );
    return reply.text.trim();
  };
  const writeStrategy = (condition: DonorCondition, survivors: readonly string[]) =>
    ask(strategyPrompt({ game: gameOf(condition), survivors }), 300);
  return {
    async initial(count, condition) {
      const strategies: string[] = [];
      for (let index = 0; index < count; index++) strategies.push(await writeStrategy(condition, []));
      return strategies;
    },
    policy: (strategy, condition, names) => async (decision) => {
      const text = await ask(
        donationPrompt({
          game: gameOf(condition),
          name: names[decision.donor] as string,
          strategy,
          round: decision.round,
          resources: decision.donorResources,
          recipient: names[decision.recipient] as string,
          trace: decision.recipientTrace ? traceText(decision.recipientTrace, names) : undefined,
        }),
        400,
      );
      const action = parseDonorReply(text, condition.punishment);
      if (!action) {
        input.tally.unreadable++;
        return { kind: "donate", amount: 0 };
      }
      return action;
    },
    newcomer: (survivors, condition) => writeStrategy(condition, survivors),
  };
}
