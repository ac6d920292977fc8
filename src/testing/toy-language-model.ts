import { mulberry32 } from "../core/index.js";
import type { RecordedRequest, ScriptedChoice, ScriptedReply } from "./openai-server.js";

export interface ToyLanguageModelOptions {
  /**
   * The next-token distribution after `text` (the prompt, or the chat messages' contents joined by
   * newlines, plus what was generated so far): token → weight (normalized here).
   */
  next(text: string): Record<string, number>;
  /** The end-of-text token: drawing it ends a choice with finish_reason "stop"; it is not in the text. */
  endToken?: string;
  /** Seed of requests that carry no `seed`: such requests differ from each other, as on a real server. */
  seed?: number;
}

/**
 * A scripted language model for {@link startOpenAIServer}'s `reply`: it samples real token-by-token
 * generations from `next`, honouring `n`, `max_tokens`, `temperature`, `stop`, `seed`, and reports
 * `logprobs` (completions: `logprobs: k`; chat: `logprobs`/`top_logprobs`) from the untempered
 * distribution, as vLLM does. vLLM's `continue_final_message` continues a final assistant message.
 * @example
 * ```ts
 * const server = await startOpenAIServer({ reply: toyLanguageModel({ next: () => ({ a: 3, b: 1 }) }) });
 * ```
 */
export function toyLanguageModel(
  options: ToyLanguageModelOptions,
): (request: RecordedRequest) => ScriptedReply {
  const endToken = options.endToken ?? "<|endoftext|>";
  let unseeded = options.seed ?? 0;
  return (request) => {
    const body = request.body ?? {};
    const chat = request.path === "/chat/completions";
    const context = chat ? chatText(body) : typeof body.prompt === "string" ? body.prompt : "";
    const n = typeof body.n === "number" ? body.n : 1;
    const maxTokens = typeof body.max_tokens === "number" ? body.max_tokens : 16;
    const temperature = typeof body.temperature === "number" ? body.temperature : 1;
    const stops =
      typeof body.stop === "string" ? [body.stop] : Array.isArray(body.stop) ? body.stop.map(String) : [];
    const topK = chat
      ? body.logprobs === true
        ? Number(body.top_logprobs ?? 0)
        : undefined
      : typeof body.logprobs === "number"
        ? body.logprobs
        : undefined;
    const seed = typeof body.seed === "number" ? body.seed : 0x5eed + unseeded++;
    const choices: ScriptedChoice[] = [];
    for (let choice = 0; choice < n; choice++) {
      const random = mulberry32(Math.imul(seed + 1, 0x9e3779b1) ^ (choice * 0x85ebca6b));
      choices.push(
        generate({ options, context, endToken, maxTokens, temperature, stops, topK, random, chat }),
      );
    }
    return { choices };
  };
}

function chatText(body: Record<string, unknown>): string {
  const messages = Array.isArray(body.messages) ? (body.messages as { content?: unknown }[]) : [];
  return messages.map((message) => (typeof message.content === "string" ? message.content : "")).join("\n");
}

function generate(input: {
  options: ToyLanguageModelOptions;
  context: string;
  endToken: string;
  maxTokens: number;
  temperature: number;
  stops: string[];
  topK: number | undefined;
  random: () => number;
  chat: boolean;
}): ScriptedChoice {
  let text = "";
  const tokens: { text: string; logprob: number; top: Record<string, number> }[] = [];
  for (let step = 0; step < input.maxTokens; step++) {
    const weights = Object.entries(input.options.next(input.context + text)).filter(
      ([, weight]) => weight > 0,
    );
    const total = weights.reduce((sum, [, weight]) => sum + weight, 0);
    const logprobs = weights.map(([token, weight]) => [token, Math.log(weight / total)] as const);
    const token = draw(logprobs, input.temperature, input.random);
    const logprob = logprobs.find(([candidate]) => candidate === token)?.[1] ?? Number.NEGATIVE_INFINITY;
    const top = Object.fromEntries(
      [...logprobs].sort((a, b) => b[1] - a[1]).slice(0, Math.max(0, input.topK ?? 0)),
    ) as Record<string, number>;
    top[token] = logprob;
    if (token === input.endToken) {
      if (input.topK !== undefined) tokens.push({ text: token, logprob, top });
      return finish(input, text, tokens, "stop");
    }
    text += token;
    if (input.topK !== undefined) tokens.push({ text: token, logprob, top });
    const stop = input.stops.find((sequence) => text.includes(sequence));
    if (stop !== undefined) return finish(input, text.slice(0, text.indexOf(stop)), tokens, "stop");
  }
  return finish(input, text, tokens, "length");
}

function draw(
  logprobs: readonly (readonly [string, number])[],
  temperature: number,
  random: () => number,
): string {
  if (temperature <= 0) return [...logprobs].sort((a, b) => b[1] - a[1])[0]?.[0] ?? "";
  const scaled = logprobs.map(([token, logprob]) => [token, Math.exp(logprob / temperature)] as const);
  let target = random() * scaled.reduce((sum, [, weight]) => sum + weight, 0);
  for (const [token, weight] of scaled) {
    target -= weight;
    if (target < 0) return token;
  }
  return scaled[scaled.length - 1]?.[0] ?? "";
}

function finish(
  input: { chat: boolean; topK: number | undefined },
  text: string,
  tokens: { text: string; logprob: number; top: Record<string, number> }[],
  reason: string,
): ScriptedChoice {
  const choice: ScriptedChoice = { content: text, finishReason: reason };
  if (input.topK === undefined) return choice;
  if (input.chat)
    choice.tokenLogprobs = tokens.map((token) => ({
      token: token.text,
      logprob: token.logprob,
      top: token.top,
    }));
  else choice.tokens = tokens;
  return choice;
}
