import { contentText, type Message } from "../../core/index.js";

/** A prompt, reference or output as POLAR's client takes it: text, or messages joined by "\n". */
export function polarText(value: string | readonly Message[]): string {
  return typeof value === "string" ? value : value.map((message) => contentText(message.content)).join("\n");
}

/**
 * POLAR's reward-model input (InternLM/POLAR `src/polar/reward_func.py`, `_encode`; rm-rl.md §9):
 *   (prompt + "\n" + reference) + "<|reward|>" + (prompt + "\n" + output) + end token
 * The "pretrain" wrapper joins without "\n". The end token is where the scalar head reads.
 * (The authors' client also truncates by tokens; without the tokenizer we send the full texts.)
 * @example polarInput({ prompt: "Capital of China?", reference: "Beijing.", output: "Shanghai." })
 * // "Capital of China?\nBeijing.<|reward|>Capital of China?\nShanghai.[UNUSED_TOKEN_130]"
 */
export function polarInput(input: {
  prompt: string | readonly Message[];
  reference: string | readonly Message[];
  output: string | readonly Message[];
  wrapper?: "sft" | "pretrain";
  rewardToken?: string;
  endToken?: string;
}): string {
  const joiner = input.wrapper === "pretrain" ? "" : "\n";
  const prompt = polarText(input.prompt);
  return `${prompt}${joiner}${polarText(input.reference)}${input.rewardToken ?? "<|reward|>"}${prompt}${joiner}${polarText(input.output)}${input.endToken ?? "[UNUSED_TOKEN_130]"}`;
}
