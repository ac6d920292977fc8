/** One generated token with its log-probability and the alternatives the server reported. */
export interface TokenLogprob {
  token: string;
  logprob: number;
  /** token → logprob for the top alternatives at this position (includes the token itself when sent). */
  top: Record<string, number>;
}

export interface TokenCounts {
  prompt: number;
  completion: number;
}

/** A chat-completions reply, reduced to what judges read. */
export interface ChatReply {
  /** The assistant's content ("" when the server sent null). */
  text: string;
  finishReason: string | null;
  /** An OpenAI-style structured refusal, when the model refused. */
  refusal: string | undefined;
  /** Reasoning text servers put beside the content (vLLM/DeepSeek `reasoning_content`). */
  reasoning: string | undefined;
  /** Per-token log-probabilities when they were asked for. */
  logprobs: TokenLogprob[] | undefined;
  usage: TokenCounts;
  /** Whether the reply came from the cache (no request, no cost). */
  cached: boolean;
}

/** A token of a completions-endpoint reply (echoed prompt tokens included with `echo: true`). */
export interface CompletionToken {
  text: string;
  /** Null for the first token of an echoed prompt. */
  logprob: number | null;
  /** Character offset in prompt + generated text. */
  offset: number;
  /** The alternatives at this position (token → logprob) when `logprobs: k` asked for them. */
  top?: Record<string, number>;
}

export interface CompletionReply {
  text: string;
  /** Why generation ended: "stop" (an end token or a stop sequence) or "length" (max_tokens). */
  finishReason: string | null;
  tokens: CompletionToken[];
  usage: TokenCounts;
  cached: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json => typeof value === "object" && value !== null;

function usageOf(body: Json): TokenCounts {
  const usage = isObject(body.usage) ? body.usage : {};
  return {
    prompt: typeof usage.prompt_tokens === "number" ? usage.prompt_tokens : 0,
    completion: typeof usage.completion_tokens === "number" ? usage.completion_tokens : 0,
  };
}

/** The reply's choices in the order of their `index` (servers may send them out of order). */
function choicesOf(body: unknown): { body: Json; choices: Json[] } | undefined {
  if (!isObject(body) || !Array.isArray(body.choices) || body.choices.length === 0) return undefined;
  const choices = body.choices.filter(isObject);
  if (choices.length !== body.choices.length) return undefined;
  const position = (choice: Json, at: number) => (typeof choice.index === "number" ? choice.index : at);
  const order = choices.map((choice, at) => ({ choice, key: position(choice, at) }));
  order.sort((a, b) => a.key - b.key);
  return { body, choices: order.map((entry) => entry.choice) };
}

function readTop(entries: unknown): Record<string, number> {
  const top: Record<string, number> = {};
  if (Array.isArray(entries)) {
    for (const alternative of entries.filter(isObject)) {
      if (typeof alternative.token === "string" && typeof alternative.logprob === "number") {
        top[alternative.token] = alternative.logprob;
      }
    }
  } else if (isObject(entries)) {
    // The legacy completions shape: one object token → logprob per position.
    for (const [token, logprob] of Object.entries(entries))
      if (typeof logprob === "number") top[token] = logprob;
  }
  return top;
}

function chatChoice(body: Json, choice: Json, cached: boolean): ChatReply | undefined {
  if (!isObject(choice.message)) return undefined;
  const message = choice.message;
  if (message.content !== null && message.content !== undefined && typeof message.content !== "string") {
    return undefined;
  }
  const reasoning = message.reasoning_content ?? message.reasoning;
  let logprobs: TokenLogprob[] | undefined;
  const rawLogprobs = isObject(choice.logprobs) ? choice.logprobs.content : undefined;
  if (Array.isArray(rawLogprobs)) {
    logprobs = rawLogprobs.filter(isObject).map((entry) => {
      const top = readTop(entry.top_logprobs);
      const token = typeof entry.token === "string" ? entry.token : "";
      const logprob = typeof entry.logprob === "number" ? entry.logprob : Number.NEGATIVE_INFINITY;
      if (!(token in top)) top[token] = logprob;
      return { token, logprob, top };
    });
  }
  return {
    text: typeof message.content === "string" ? message.content : "",
    finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : null,
    refusal: typeof message.refusal === "string" && message.refusal !== "" ? message.refusal : undefined,
    reasoning: typeof reasoning === "string" ? reasoning : undefined,
    logprobs,
    usage: usageOf(body),
    cached,
  };
}

/** Reads every choice of a chat-completions body; undefined when it is not one (a malformed reply). */
export function readChatReplies(body: unknown, cached: boolean): ChatReply[] | undefined {
  const found = choicesOf(body);
  if (!found) return undefined;
  const replies: ChatReply[] = [];
  for (const choice of found.choices) {
    const reply = chatChoice(found.body, choice, cached);
    if (!reply) return undefined;
    replies.push(reply);
  }
  return replies;
}

/** Reads a chat-completions body's first choice; undefined when it is not one (a malformed reply). */
export function readChatReply(body: unknown, cached: boolean): ChatReply | undefined {
  return readChatReplies(body, cached)?.[0];
}

function completionChoice(body: Json, choice: Json, cached: boolean): CompletionReply | undefined {
  if (typeof choice.text !== "string") return undefined;
  const tokens: CompletionToken[] = [];
  const logprobs = choice.logprobs;
  if (isObject(logprobs) && Array.isArray(logprobs.tokens)) {
    const values = Array.isArray(logprobs.token_logprobs) ? logprobs.token_logprobs : [];
    const offsets = Array.isArray(logprobs.text_offset) ? logprobs.text_offset : [];
    const tops = Array.isArray(logprobs.top_logprobs) ? logprobs.top_logprobs : [];
    let running = 0;
    logprobs.tokens.forEach((token, index) => {
      const text = typeof token === "string" ? token : "";
      const offset = offsets[index];
      const value = values[index];
      const entry: CompletionToken = {
        text,
        logprob: typeof value === "number" ? value : null,
        offset: typeof offset === "number" ? offset : running,
      };
      const top = tops[index];
      if (top !== null && top !== undefined) entry.top = readTop(top);
      tokens.push(entry);
      running = (typeof offset === "number" ? offset : running) + text.length;
    });
  }
  return {
    text: choice.text,
    finishReason: typeof choice.finish_reason === "string" ? choice.finish_reason : null,
    tokens,
    usage: usageOf(body),
    cached,
  };
}

/** Reads every choice of a completions body (legacy `logprobs` shape); undefined when it is not one. */
export function readCompletionReplies(body: unknown, cached: boolean): CompletionReply[] | undefined {
  const found = choicesOf(body);
  if (!found) return undefined;
  const replies: CompletionReply[] = [];
  for (const choice of found.choices) {
    const reply = completionChoice(found.body, choice, cached);
    if (!reply) return undefined;
    replies.push(reply);
  }
  return replies;
}

/** Reads a completions body's first choice; undefined when it is not one. */
export function readCompletionReply(body: unknown, cached: boolean): CompletionReply | undefined {
  return readCompletionReplies(body, cached)?.[0];
}
