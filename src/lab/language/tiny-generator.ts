import { contentText, mulberry32 } from "../../core/index.js";
import type {
  Generated,
  GenerationSettings,
  NextToken,
  PromptInput,
  TextGenerator,
} from "../../select/index.js";
import type { TinyPolicy } from "./tiny-policy.js";

/** The name the tiny model's END character goes by in next-token lists. */
export const tinyEndToken = "<|end|>";

function promptText(prompt: PromptInput): string {
  return typeof prompt === "string"
    ? prompt
    : prompt.map((message) => contentText(message.content)).join(" ");
}

/**
 * The lab's tiny model as a {@link TextGenerator}: the select room's RAFT, DNO, FK-steering, VAS and
 * B-STaR loops run on it exactly as they run against a server (a token is a character). It reads
 * the policy as it is at each call, so fine-tuning between rounds changes what it samples.
 */
export class TinyGenerator implements TextGenerator {
  readonly endTokens: ReadonlySet<string> = new Set([tinyEndToken]);
  readonly #policy: () => TinyPolicy;
  /** Characters generated so far (the lab's compute budget). */
  generatedCharacters = 0;

  constructor(policy: () => TinyPolicy) {
    this.#policy = policy;
  }

  sample(request: {
    prompt: PromptInput;
    n: number;
    settings: GenerationSettings;
    seed: number;
  }): Promise<Generated[]> {
    return this.extend({ ...request, prefix: "" });
  }

  extend(request: {
    prompt: PromptInput;
    prefix: string;
    n: number;
    settings: GenerationSettings;
    seed: number;
  }): Promise<Generated[]> {
    const policy = this.#policy();
    const context = promptText(request.prompt) + request.prefix;
    const out: Generated[] = [];
    for (let index = 0; index < request.n; index++) {
      const random = mulberry32(Math.imul(request.seed + 1, 0x9e3779b1) ^ Math.imul(index + 1, 0x85ebca6b));
      const drawn = policy.sample(context, {
        temperature: request.settings.temperature ?? 1,
        maxChars: request.settings.maxTokens ?? 64,
        random,
      });
      this.generatedCharacters += drawn.text.length;
      out.push(drawn);
    }
    return Promise.resolve(out);
  }

  nextTokens(request: { prompt: PromptInput; prefix: string; k: number }): Promise<NextToken[]> {
    const policy = this.#policy();
    const logs = policy.logProbs(promptText(request.prompt) + request.prefix);
    const vocabulary = policy.base.vocabulary;
    const tokens = [...logs]
      .map((logprob, char) => ({ token: char === 0 ? tinyEndToken : (vocabulary[char] as string), logprob }))
      .sort((a, b) => b.logprob - a.logprob)
      .slice(0, request.k);
    return Promise.resolve(tokens);
  }
}
