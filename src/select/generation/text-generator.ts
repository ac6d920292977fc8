import type { Message } from "../../core/index.js";

/** A prompt as rows carry it: text, or chat messages. */
export type PromptInput = string | Message[];

/** How to sample (the fields OpenAI-compatible servers take). */
export interface GenerationSettings {
  temperature?: number | undefined;
  topP?: number | undefined;
  /** Tokens per sample (or per chunk, for FK steering's continuations). */
  maxTokens?: number | undefined;
  stop?: readonly string[] | undefined;
}

/** One generated text. */
export interface Generated {
  text: string;
  /** True when the model ended it (an end token or a stop sequence), false when the token budget cut it. */
  finished: boolean;
}

/** A candidate next token with its log-probability under the model. */
export interface NextToken {
  token: string;
  logprob: number;
}

/**
 * What the select room's loops need from a language model. A real server speaks it through
 * {@link OpenAIGenerator}; the lab's tiny model implements it directly, so the lab runs the same
 * RAFT, DNO, FK-steering, VAS and B-STaR code a user runs against vLLM.
 */
export interface TextGenerator {
  /** `n` independent samples completing `prompt`. `seed` makes them reproducible where the server honours it. */
  sample(
    request: { prompt: PromptInput; n: number; settings: GenerationSettings; seed: number },
    signal: AbortSignal,
  ): Promise<Generated[]>;
  /** `n` continuations of `prefix`, a partial completion of `prompt` (each at most `settings.maxTokens` more tokens). */
  extend(
    request: { prompt: PromptInput; prefix: string; n: number; settings: GenerationSettings; seed: number },
    signal: AbortSignal,
  ): Promise<Generated[]>;
  /** The model's `k` most likely next tokens after `prompt` + `prefix`, with log π(token | context). */
  nextTokens(
    request: { prompt: PromptInput; prefix: string; k: number },
    signal: AbortSignal,
  ): Promise<NextToken[]>;
  /** Tokens that end a text when chosen (the end-of-text token names a server's logprobs use). */
  readonly endTokens: ReadonlySet<string>;
}

/** A 32-bit seed for one request from the run's seed and the request's coordinates (round, prompt, particle, step). */
export function requestSeed(seed: number, ...parts: readonly (number | string)[]): number {
  let hash = 0x811c9dc5 ^ (seed >>> 0);
  for (const part of parts) {
    const text = `${part}\u0000`;
    for (let index = 0; index < text.length; index++) {
      hash ^= text.charCodeAt(index);
      hash = Math.imul(hash, 0x01000193);
    }
  }
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x7feb352d);
  hash ^= hash >>> 15;
  return (hash >>> 0) % 2_147_483_647;
}
