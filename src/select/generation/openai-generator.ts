import {
  type ChatReply,
  type CompletionReply,
  contentText,
  type Message,
  type OpenAIClient,
  RewardkitError,
} from "../../core/index.js";
import type {
  Generated,
  GenerationSettings,
  NextToken,
  PromptInput,
  TextGenerator,
} from "./text-generator.js";

/** End-of-text tokens as vLLM, SGLang and llama.cpp name them in log-probabilities. */
export const commonEndTokens: readonly string[] = [
  "</s>",
  "<|endoftext|>",
  "<|im_end|>",
  "<|eot_id|>",
  "<|end_of_text|>",
  "<end_of_turn>",
  "<eos>",
  "<|end|>",
];

export interface OpenAIGeneratorOptions {
  client: OpenAIClient;
  /** `chat` sends messages to /chat/completions; `completions` sends text to /completions. */
  endpoint: "chat" | "completions";
  /** A system message put before a text prompt's user message (chat only). */
  system?: string | undefined;
  /** End-of-text token names (default {@link commonEndTokens}). */
  endTokens?: readonly string[] | undefined;
  /**
   * Continuing a partial assistant message on the chat endpoint uses vLLM's and SGLang's
   * `continue_final_message` extension; set false for servers without it (then use completions).
   */
  continueFinalMessage?: boolean;
}

/**
 * A {@link TextGenerator} over an OpenAI-compatible server (vLLM, SGLang, llama.cpp, OpenAI), through
 * core's client: the judges' transport, rate limits, retries and reply cache. Each request carries a
 * seed, so requests differ (the client merges identical requests in flight) and a re-run repeats.
 */
export class OpenAIGenerator implements TextGenerator {
  readonly endTokens: ReadonlySet<string>;
  readonly #options: OpenAIGeneratorOptions;

  constructor(options: OpenAIGeneratorOptions) {
    this.#options = options;
    this.endTokens = new Set(options.endTokens ?? commonEndTokens);
  }

  async sample(
    request: { prompt: PromptInput; n: number; settings: GenerationSettings; seed: number },
    signal: AbortSignal,
  ): Promise<Generated[]> {
    return this.#collect(request.n, request.seed, (n, seed) =>
      this.#request({ prompt: request.prompt, prefix: "", n, settings: request.settings, seed }, signal),
    );
  }

  async extend(
    request: { prompt: PromptInput; prefix: string; n: number; settings: GenerationSettings; seed: number },
    signal: AbortSignal,
  ): Promise<Generated[]> {
    return this.#collect(request.n, request.seed, (n, seed) =>
      this.#request({ ...request, n, seed }, signal),
    );
  }

  async nextTokens(
    request: { prompt: PromptInput; prefix: string; k: number },
    signal: AbortSignal,
  ): Promise<NextToken[]> {
    const client = this.#options.client;
    let top: Record<string, number> | undefined;
    if (this.#options.endpoint === "completions") {
      const reply = await client.complete(
        {
          prompt: this.#text(request.prompt) + request.prefix,
          maxTokens: 1,
          logprobs: request.k,
          temperature: 1,
        },
        { signal },
      );
      top = reply.tokens[0]?.top;
    } else {
      const reply = await client.chat(
        {
          ...this.#chatBody(request.prompt, request.prefix),
          maxTokens: 1,
          topLogprobs: request.k,
          temperature: 1,
        },
        { signal },
      );
      top = reply.logprobs?.[0]?.top;
    }
    if (!top || Object.keys(top).length === 0) {
      throw new RewardkitError(
        "UPSTREAM_ERROR",
        `${client.model}: the server sent no top log-probabilities (VAS needs \`logprobs\`; vLLM caps them with --max-logprobs)`,
      );
    }
    return Object.entries(top)
      .map(([token, logprob]) => ({ token, logprob }))
      .sort((a, b) => b.logprob - a.logprob)
      .slice(0, request.k);
  }

  /** Asks until `n` texts came back (some servers, llama.cpp among them, answer one choice whatever `n` says). */
  async #collect(
    n: number,
    seed: number,
    ask: (n: number, seed: number) => Promise<Generated[]>,
  ): Promise<Generated[]> {
    const out: Generated[] = [];
    for (let attempt = 0; out.length < n; attempt++) {
      const got = await ask(n - out.length, seed + attempt * 7919);
      if (got.length === 0) {
        throw new RewardkitError("UPSTREAM_ERROR", `${this.#options.client.model}: a reply without choices`);
      }
      out.push(...got);
    }
    return out.slice(0, n);
  }

  async #request(
    request: { prompt: PromptInput; prefix: string; n: number; settings: GenerationSettings; seed: number },
    signal: AbortSignal,
  ): Promise<Generated[]> {
    const { settings } = request;
    const sampling = {
      temperature: settings.temperature,
      topP: settings.topP,
      stop: settings.stop,
      n: request.n,
      seed: request.seed,
    };
    const client = this.#options.client;
    if (this.#options.endpoint === "completions") {
      const replies = await client.completeChoices(
        {
          prompt: this.#text(request.prompt) + request.prefix,
          maxTokens: settings.maxTokens ?? 256,
          ...sampling,
        },
        { signal },
      );
      return replies.map((reply: CompletionReply) => ({
        text: reply.text,
        finished: reply.finishReason !== "length",
      }));
    }
    const replies = await client.chatChoices(
      { ...this.#chatBody(request.prompt, request.prefix), maxTokens: settings.maxTokens, ...sampling },
      { signal },
    );
    return replies.map((reply: ChatReply) => ({
      text: reply.text,
      finished: reply.finishReason !== "length",
    }));
  }

  #messages(prompt: PromptInput): Array<{ role: "system" | "user" | "assistant"; content: string }> {
    if (typeof prompt === "string") {
      const messages: Array<{ role: "system" | "user" | "assistant"; content: string }> = [];
      if (this.#options.system !== undefined)
        messages.push({ role: "system", content: this.#options.system });
      messages.push({ role: "user", content: prompt });
      return messages;
    }
    return prompt.map((message: Message) => ({
      role: (message.role === "system" || message.role === "assistant" ? message.role : "user") as
        | "system"
        | "user"
        | "assistant",
      content: contentText(message.content),
    }));
  }

  #chatBody(prompt: PromptInput, prefix: string) {
    const messages = this.#messages(prompt);
    if (prefix === "") return { messages };
    if (this.#options.continueFinalMessage === false) {
      throw new RewardkitError(
        "BAD_REQUEST",
        "continuing a partial answer on the chat endpoint needs `continue_final_message` (vLLM, SGLang); use the completions endpoint",
      );
    }
    return {
      messages: [...messages, { role: "assistant" as const, content: prefix }],
      extra: { continue_final_message: true, add_generation_prompt: false },
    };
  }

  #text(prompt: PromptInput): string {
    if (typeof prompt === "string") return prompt;
    throw new RewardkitError(
      "BAD_REQUEST",
      "the completions endpoint takes text prompts; this prompt is a message list (use the chat endpoint, or render it with the model's chat template)",
    );
  }
}
