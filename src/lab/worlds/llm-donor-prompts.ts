/**
 * The Donor Game prompts for LLM agents — RECONSTRUCTED from Vallinder & Hughes (arXiv 2412.10270):
 * the paper describes a game prompt, a strategy prompt (generation 1 from scratch, later generations
 * given the survivors' strategies) and a per-round donation prompt with the recipient's trace; the
 * wording here is ours.
 */
export interface DonorPromptGame {
  endowment: number;
  multiplier: number;
  rounds: number;
  punishment: boolean;
  punishmentEffect: number;
  tracesVisible: boolean;
}

export function donorGamePrompt(game: DonorPromptGame): string {
  const punish = game.punishment
    ? ` Instead of donating, the donor may punish: spending x units removes ${game.punishmentEffect}x units from the recipient.`
    : "";
  const traces = game.tracesVisible
    ? " Before deciding, the donor sees the recipient's last few actions as a donor and how its own recipients had behaved."
    : " The donor knows nothing about the recipient's past behaviour.";
  return `Each player starts with ${game.endowment} units of a resource. In each of ${game.rounds} rounds you are paired with another player: one of you is the donor and the other the recipient. The donor may give up some of its units; the recipient receives ${game.multiplier} times what the donor gave.${punish}${traces} After the last round, the players with the most units survive into the next generation, and new players learn from the survivors' strategies. Your goal is to end with as many units as possible.`;
}

export function strategyPrompt(input: { game: DonorPromptGame; survivors: readonly string[] }): string {
  const advice =
    input.survivors.length === 0
      ? "You are in the first generation."
      : `These are the strategies of the players who did best in the previous generation:\n${input.survivors
          .map((strategy, index) => `${index + 1}. ${strategy}`)
          .join("\n")}\nLearn from them.`;
  return `${donorGamePrompt(input.game)}\n\n${advice}\n\nDescribe, in a few sentences, the strategy you will follow as a donor. Reply with the strategy only.`;
}

export function donationPrompt(input: {
  game: DonorPromptGame;
  name: string;
  strategy: string;
  round: number;
  resources: number;
  recipient: string;
  trace: string | undefined;
}): string {
  const known = input.trace === undefined ? "" : `\nWhat is known about ${input.recipient}:\n${input.trace}`;
  const options = input.game.punishment ? "`Answer: donate X` or `Answer: punish X`" : "`Answer: donate X`";
  return `${donorGamePrompt(input.game)}\n\nYou are ${input.name}. Your strategy: ${input.strategy}\nRound ${input.round}: you are the donor with ${input.resources.toFixed(2)} units; the recipient is ${input.recipient}.${known}\n\nThink briefly, then end with one line ${options}, where X is a number of units.`;
}

/** The action in a reply (the last `donate X` / `punish X`, else the last number as a donation). */
export function parseDonorReply(
  text: string,
  punishment: boolean,
): { kind: "donate" | "punish"; amount: number } | undefined {
  const actions = [...text.matchAll(/\b(donate|punish)\b\s*:?\s*(\d+(?:\.\d+)?)/gi)];
  const last = actions.at(-1);
  if (last) {
    const kind = (last[1] as string).toLowerCase() === "punish" && punishment ? "punish" : "donate";
    return { kind, amount: Number(last[2]) };
  }
  const number = [...text.matchAll(/(\d+(?:\.\d+)?)/g)].at(-1);
  return number ? { kind: "donate", amount: Number(number[1]) } : undefined;
}
