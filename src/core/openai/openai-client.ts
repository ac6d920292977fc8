import { Semaphore } from "../concurrency.js";
import type { ContentPart } from "../content-parts.js";
import { backoffMs, sleep } from "../deadline.js";
import { RewardkitError } from "../errors.js";
import { HttpTransport, type NetworkError } from "./http-transport.js";
import { RateLimiter, type RateLimits } from "./rate-limiter.js";
import {
  type ChatReply,
  type CompletionReply,
  readChatReplies,
  readCompletionReplies,
  type TokenCounts,
} from "./replies.js";
import { type ResponseCache, requestKey } from "./response-cache.js";
import { isRetryableStatus, retryAfterMs, upstreamMessage } from "./retry-policy.js";
import { addTokens, emptyUsage, type TokenPrice, type UsageTotals } from "./usage.js";

export interface OpenAIClientOptions {
  /** Base URL of an OpenAI-compatible API, e.g. `http://127.0.0.1:8000/v1`. */
  baseUrl: string;
  model: string;
  /** Sent as `Authorization: Bearer <apiKey>`. */
  apiKey?: string | undefined;
  /** Requests in flight at once to this endpoint. */
  concurrency: number;
  /** Further attempts after a retryable failure (429, 408, 409, 5xx, network, malformed reply). */
  retries: number;
  /** Base of the exponential backoff with full jitter, ms. */
  retryBaseMs?: number;
  /** The longest `Retry-After` honoured as given; longer ones are cut to this. */
  maxRetryAfterMs?: number;
  /** Deadline of one HTTP attempt, ms. */
  requestTimeoutMs: number;
  limits?: RateLimits;
  cache?: ResponseCache | undefined;
  price?: TokenPrice | undefined;
  /** Extra fields merged into every request body (`top_k`, `chat_template_kwargs`...). */
  extraBody?: Record<string, unknown> | undefined;
}

/** Sampling fields both endpoints take (vLLM, SGLang, llama.cpp and OpenAI all read these names). */
export interface SamplingRequest {
  temperature?: number | undefined;
  topP?: number | undefined;
  /** Independent samples in one request (`n`); each comes back as a choice. */
  n?: number | undefined;
  /** Stop sequences: generation ends before any of them. */
  stop?: readonly string[] | undefined;
  seed?: number | undefined;
  /**
   * Which of k independent requests this is: part of the cache key, so the k judgments (or k
   * generations) of one prompt are cached apart and a re-run gets the same k back.
   */
  variant?: number;
  /** Fields merged into this request's body after the client's own `extraBody`. */
  extra?: Record<string, unknown> | undefined;
}

/** A chat message's content on the wire: text, or OpenAI-format parts (text and `image_url`). */
export type ChatContent = string | ContentPart[];

export interface ChatRequest extends SamplingRequest {
  messages: Array<{ role: "system" | "user" | "assistant"; content: ChatContent }>;
  maxTokens?: number | undefined;
  /** Ask for log-probabilities of the generated tokens, with this many alternatives each. */
  topLogprobs?: number | undefined;
}

export interface CompletionRequest extends SamplingRequest {
  prompt: string;
  maxTokens: number;
  /** Return the prompt's tokens and their log-probabilities too. */
  echo?: boolean | undefined;
  /** Log-probabilities of each token with this many alternatives (the legacy `logprobs: k` field). */
  logprobs?: number | undefined;
}

/** Where a call adds its usage besides the client's lifetime totals (a batch's or a run's meter). */
export interface CallOptions {
  signal: AbortSignal;
  meter?: UsageTotals | undefined;
}

/**
 * The generation fields judges never send, added last: the bodies judges send (and so the keys of
 * their cached replies) are the same as before generation was added.
 */
function generationFields(body: Record<string, unknown>, request: SamplingRequest): void {
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.n !== undefined && request.n !== 1) body.n = request.n;
  if (request.stop !== undefined && request.stop.length > 0) body.stop = [...request.stop];
}

/**
 * A lean client for OpenAI-compatible chat completions and completions: bounded concurrency,
 * requests/tokens-per-minute limits, retries with jittered backoff honouring `Retry-After`, token
 * and cost accounting, a content-keyed reply cache, and one request for identical concurrent calls.
 * Judges (the judges room) and generators (the select room) share it.
 */
export class OpenAIClient {
  readonly usage: UsageTotals = emptyUsage();
  readonly #options: OpenAIClientOptions;
  readonly #transport: HttpTransport;
  readonly #slots: Semaphore;
  readonly #limiter: RateLimiter;
  readonly #headers: Record<string, string>;
  readonly #pending = new Map<string, Promise<{ text: string; parsed: unknown }>>();
  readonly #baseUrl: string;

  constructor(options: OpenAIClientOptions) {
    this.#options = options;
    this.#baseUrl = options.baseUrl.replace(/\/+$/, "");
    this.#transport = new HttpTransport(this.#baseUrl, options.concurrency);
    this.#slots = new Semaphore(options.concurrency);
    this.#limiter = new RateLimiter(options.limits ?? {});
    this.#headers = { "content-type": "application/json", accept: "application/json" };
    if (options.apiKey) this.#headers.authorization = `Bearer ${options.apiKey}`;
  }

  get model(): string {
    return this.#options.model;
  }

  /** The first choice of a chat completion. */
  async chat(request: ChatRequest, call: CallOptions): Promise<ChatReply> {
    return (await this.chatChoices(request, call))[0] as ChatReply;
  }

  /** Every choice of a chat completion (`n` of them), in the order of their `index`. */
  async chatChoices(request: ChatRequest, call: CallOptions): Promise<ChatReply[]> {
    const body: Record<string, unknown> = { model: this.#options.model, messages: request.messages };
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.maxTokens !== undefined) body.max_tokens = request.maxTokens;
    if (request.seed !== undefined) body.seed = request.seed;
    if (request.topLogprobs !== undefined) {
      body.logprobs = true;
      body.top_logprobs = request.topLogprobs;
    }
    generationFields(body, request);
    Object.assign(body, this.#options.extraBody, request.extra);
    const { parsed, cached } = await this.#exchange({
      path: "/chat/completions",
      body,
      variant: request.variant ?? 0,
      call,
      valid: (candidate) => readChatReplies(candidate, false) !== undefined,
    });
    const replies = readChatReplies(parsed, cached) as ChatReply[];
    this.#count((replies[0] as ChatReply).usage, cached, call.meter);
    return replies;
  }

  /** The first choice of a completion. */
  async complete(request: CompletionRequest, call: CallOptions): Promise<CompletionReply> {
    return (await this.completeChoices(request, call))[0] as CompletionReply;
  }

  /** Every choice of a completion (`n` of them), in the order of their `index`. */
  async completeChoices(request: CompletionRequest, call: CallOptions): Promise<CompletionReply[]> {
    const body: Record<string, unknown> = {
      model: this.#options.model,
      prompt: request.prompt,
      max_tokens: request.maxTokens,
    };
    if (request.echo !== undefined) body.echo = request.echo;
    if (request.logprobs !== undefined) body.logprobs = request.logprobs;
    if (request.temperature !== undefined) body.temperature = request.temperature;
    if (request.seed !== undefined) body.seed = request.seed;
    generationFields(body, request);
    Object.assign(body, this.#options.extraBody, request.extra);
    const { parsed, cached } = await this.#exchange({
      path: "/completions",
      body,
      variant: request.variant ?? 0,
      call,
      valid: (candidate) => readCompletionReplies(candidate, false) !== undefined,
    });
    const replies = readCompletionReplies(parsed, cached) as CompletionReply[];
    this.#count((replies[0] as CompletionReply).usage, cached, call.meter);
    return replies;
  }

  #count(tokens: TokenCounts, cached: boolean, meter: UsageTotals | undefined): void {
    for (const totals of meter ? [this.usage, meter] : [this.usage]) {
      if (cached) totals.cacheHits++;
      else addTokens(totals, tokens, this.#options.price);
    }
  }

  /** The reply body for `body`, from the cache, a request already in flight, or the server. */
  async #exchange(exchange: {
    path: string;
    body: Record<string, unknown>;
    variant: number;
    call: CallOptions;
    valid: (parsed: unknown) => boolean;
  }): Promise<{ parsed: unknown; cached: boolean }> {
    const { path, body, variant, call, valid } = exchange;
    const cache = this.#options.cache;
    const key = requestKey(this.#baseUrl, path, body, variant);
    const hit = cache?.get(key);
    if (hit !== undefined) return { parsed: JSON.parse(hit), cached: true };
    const pending = this.#pending.get(key);
    if (pending) return { parsed: (await pending).parsed, cached: true };
    const sent = this.#send(path, body, call, valid);
    this.#pending.set(key, sent);
    try {
      const { text, parsed } = await sent;
      cache?.set(key, text);
      return { parsed, cached: false };
    } finally {
      this.#pending.delete(key);
    }
  }

  async #send(
    path: string,
    body: Record<string, unknown>,
    call: CallOptions,
    valid: (parsed: unknown) => boolean,
  ): Promise<{ text: string; parsed: unknown }> {
    const payload = JSON.stringify(body);
    const estimate =
      estimatePromptTokens(payload) + (typeof body.max_tokens === "number" ? body.max_tokens : 0);
    const url = `${this.#baseUrl}${path}`;
    const release = await this.#slots.acquire();
    try {
      for (let attempt = 0; ; attempt++) {
        if (call.signal.aborted) throw aborted(url, call.signal);
        await this.#limiter.acquire(estimate, call.signal);
        this.#counted("requests", call.meter);
        const outcome = await this.#attempt(url, payload, call.signal, valid);
        if (outcome.ok) {
          const total = (outcome.parsed as { usage?: { total_tokens?: number } }).usage?.total_tokens;
          if (typeof total === "number") this.#limiter.settle(estimate, total);
          return { text: outcome.text, parsed: outcome.parsed };
        }
        if (!outcome.error.retryable || attempt >= this.#options.retries || call.signal.aborted) {
          this.#counted("failures", call.meter);
          throw finalError(outcome.error, attempt + 1);
        }
        this.#counted("retries", call.meter);
        let delay = backoffMs(attempt, this.#options.retryBaseMs ?? 500, 20_000);
        if (outcome.retryAfterMs !== undefined) {
          delay = Math.min(outcome.retryAfterMs, this.#options.maxRetryAfterMs ?? 60_000);
          // Everyone waits: the server has told us the endpoint, not just this request, is full.
          this.#limiter.pauseUntil(Date.now() + delay);
        }
        await sleep(delay, call.signal).catch(() => undefined);
      }
    } finally {
      release();
    }
  }

  #counted(field: "requests" | "retries" | "failures", meter: UsageTotals | undefined): void {
    this.usage[field]++;
    if (meter) meter[field]++;
  }

  async #attempt(
    url: string,
    payload: string,
    signal: AbortSignal,
    valid: (parsed: unknown) => boolean,
  ): Promise<
    | { ok: true; text: string; parsed: unknown }
    | { ok: false; error: RewardkitError; retryAfterMs?: number | undefined }
  > {
    let reply: Awaited<ReturnType<HttpTransport["send"]>>;
    try {
      reply = await this.#transport.send(url, payload, {
        headers: this.#headers,
        timeoutMs: this.#options.requestTimeoutMs,
        signal,
      });
    } catch (error) {
      if (signal.aborted) return { ok: false, error: aborted(url, signal) };
      const network = error as NetworkError;
      const code = network.timedOut ? "TIMEOUT" : "UPSTREAM_ERROR";
      return {
        ok: false,
        error: new RewardkitError(code, `${url}: ${network.message}`, { retryable: true, cause: error }),
      };
    }
    if (reply.status === 200) {
      let parsed: unknown;
      try {
        parsed = JSON.parse(reply.text);
      } catch {
        parsed = undefined;
      }
      if (parsed !== undefined && valid(parsed)) return { ok: true, text: reply.text, parsed };
      return {
        ok: false,
        error: new RewardkitError(
          "UPSTREAM_ERROR",
          `${url}: the reply is not an OpenAI-style ${url.endsWith("/chat/completions") ? "chat completion" : "completion"}: ${upstreamMessage(reply.text)}`,
          { retryable: true },
        ),
      };
    }
    const message = `${url} answered ${reply.status}: ${upstreamMessage(reply.text)}`;
    const hint = reply.status === 401 ? " (check the key named by api_key_env)" : "";
    return {
      ok: false,
      error: new RewardkitError(reply.status === 429 ? "RATE_LIMITED" : "UPSTREAM_ERROR", message + hint, {
        retryable: isRetryableStatus(reply.status),
        details: { status: reply.status },
      }),
      retryAfterMs: retryAfterMs(reply.headers),
    };
  }

  close(): void {
    this.#transport.close();
    this.#options.cache?.close?.();
  }
}

/**
 * A request's prompt tokens for the tokens-per-minute limiter: 4 characters a token for text, and a
 * flat 1,500 per image (Qwen2.5-VL spends ~1,300 on a 1024x1024 image) rather than its base64 length,
 * which would hold a rate-limited judge back for minutes.
 */
function estimatePromptTokens(payload: string): number {
  let images = 0;
  const text = payload.replace(/data:image\/[^"]*/g, () => {
    images++;
    return "";
  });
  return Math.ceil(text.length / 4) + images * 1500;
}

function aborted(url: string, signal: AbortSignal): RewardkitError {
  const reason: unknown = signal.reason;
  if (RewardkitError.isInstance(reason)) return reason;
  return new RewardkitError("ABORTED", `${url}: the request was aborted`);
}

/**
 * The error a call ends with after its attempts. It is no longer `retryable`: the client has done
 * the retrying (per request, honouring Retry-After), so the engine must not repeat the whole call.
 */
function finalError(error: RewardkitError, attempts: number): RewardkitError {
  const suffix = attempts > 1 ? ` (after ${attempts} attempts)` : "";
  return new RewardkitError(error.code, `${error.message}${suffix}`, {
    cause: error.cause,
    retryable: false,
    details: { ...error.details, attempts },
  });
}
