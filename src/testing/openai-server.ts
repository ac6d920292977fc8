import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/** A request as the test server received it. */
export interface RecordedRequest {
  /** 0-based arrival order. */
  readonly index: number;
  readonly method: string;
  /** The path below the base URL, e.g. `/chat/completions`. */
  readonly path: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed JSON body (undefined when it was not JSON). */
  readonly body: Record<string, unknown> | undefined;
}

/** One token of a completions-endpoint reply with its log-probability. */
export interface ScriptedToken {
  text: string;
  /** `null` for the first echoed token, as real servers send it. */
  logprob: number | null;
  /** Alternatives at this position (token → logprob). */
  top?: Record<string, number>;
}

/** One choice of a reply: a sample of the `n` a request asked for. */
export interface ScriptedChoice {
  /** The assistant's content (chat) or the generated text (completions). */
  content?: string | null;
  /** An OpenAI-style structured refusal. */
  refusal?: string;
  finishReason?: string;
  /** Chat: alternatives for each generated token, token → logprob (`logprobs: true` requests). */
  tokenLogprobs?: Array<{ token: string; logprob: number; top?: Record<string, number> }>;
  /** Completions: the tokens the reply reports in `logprobs` (echoed prompt and/or generated). */
  tokens?: ScriptedToken[];
}

/**
 * What the server answers to one request. A string is the assistant's message content. Fields
 * left out get realistic defaults (status 200, `finish_reason: "stop"`, token counts). `choices`
 * answers with several samples (a request's `n`); otherwise the reply is one choice.
 */
export type ScriptedReply =
  | string
  | (ScriptedChoice & {
      /** Several choices, in this order (their `index` is their position). */
      choices?: ScriptedChoice[];
      usage?: { prompt_tokens: number; completion_tokens: number };
      /** Another HTTP status (429, 500...) with `body` or an OpenAI-style error body. */
      status?: number;
      headers?: Record<string, string>;
      /** A raw body sent as is (malformed JSON, HTML error pages). */
      rawBody?: string;
      /** Wait this long before answering. */
      delayMs?: number;
      /** Close the socket without an answer (a network fault). */
      hangUp?: boolean;
    });

export interface OpenAIServerOptions {
  /** Decides each reply; gets the request and how many requests came before it. */
  reply?: (request: RecordedRequest) => ScriptedReply | Promise<ScriptedReply>;
  /** Replies used in order before `reply` is asked (faults first, then normal answers, say). */
  queue?: ScriptedReply[];
  /** When set, requests without `Authorization: Bearer <apiKey>` get a 401. */
  apiKey?: string;
  host?: string;
  port?: number;
}

export interface OpenAIServer {
  /** The base URL to give a judge, ending in `/v1`. */
  readonly url: string;
  /** Every request received so far, in arrival order. */
  readonly requests: RecordedRequest[];
  /** Requests being answered right now. */
  readonly inFlight: number;
  /** The most requests that were ever being answered at once. */
  readonly maxInFlight: number;
  /** More replies to use, in order, before `reply` is asked again. */
  enqueue(...replies: ScriptedReply[]): void;
  /** Forgets recorded requests and the in-flight peak. */
  reset(): void;
  close(): Promise<void>;
}

/**
 * A real local HTTP server speaking the OpenAI chat-completions and completions protocol, with
 * scripted replies and faults, for testing judges and specs without a model. It listens on
 * 127.0.0.1 on a free port.
 * @example
 * ```ts
 * const server = await startOpenAIServer({ reply: () => "Clear and correct. Score: 8" });
 * // spec: { type: judge, url: server.url, model: test }
 * await server.close();
 * ```
 */
export async function startOpenAIServer(options: OpenAIServerOptions = {}): Promise<OpenAIServer> {
  const requests: RecordedRequest[] = [];
  const queue = [...(options.queue ?? [])];
  let inFlight = 0;
  let maxInFlight = 0;
  let created = 0;
  const server = createServer((request, response) => {
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    let finished = false;
    const done = () => {
      if (finished) return;
      finished = true;
      inFlight--;
    };
    response.on("close", done);
    const chunks: Buffer[] = [];
    request.on("data", (chunk: Buffer) => chunks.push(chunk));
    request.on("end", () => {
      const text = Buffer.concat(chunks).toString("utf8");
      let body: Record<string, unknown> | undefined;
      try {
        body = JSON.parse(text) as Record<string, unknown>;
      } catch {
        body = undefined;
      }
      const path = (request.url ?? "/").replace(/^\/v1/, "");
      const recorded: RecordedRequest = {
        index: requests.length,
        method: request.method ?? "GET",
        path,
        headers: request.headers,
        body,
      };
      requests.push(recorded);
      void answer(recorded, response).catch((error: unknown) => {
        sendJson(response, 500, { error: { message: String(error), type: "server_error" } });
      });
    });
  });

  async function answer(recorded: RecordedRequest, response: ServerResponse): Promise<void> {
    if (options.apiKey !== undefined && recorded.headers.authorization !== `Bearer ${options.apiKey}`) {
      sendJson(response, 401, {
        error: { message: "Incorrect API key provided", type: "invalid_request_error" },
      });
      return;
    }
    if (recorded.method === "GET" && recorded.path === "/models") {
      sendJson(response, 200, { object: "list", data: [{ id: "test-model", object: "model" }] });
      return;
    }
    const isChat = recorded.path === "/chat/completions";
    if (recorded.method !== "POST" || (!isChat && recorded.path !== "/completions")) {
      sendJson(response, 404, { error: { message: `no route ${recorded.path}`, type: "not_found" } });
      return;
    }
    if (!recorded.body) {
      sendJson(response, 400, { error: { message: "body is not JSON", type: "invalid_request_error" } });
      return;
    }
    const scripted = queue.length > 0 ? (queue.shift() as ScriptedReply) : await defaultReply(recorded);
    const reply = typeof scripted === "string" ? { content: scripted } : scripted;
    if (reply.delayMs) await new Promise((resolve) => setTimeout(resolve, reply.delayMs));
    if (reply.hangUp) {
      response.socket?.destroy();
      return;
    }
    const status = reply.status ?? 200;
    if (reply.rawBody !== undefined) {
      response.writeHead(status, { "content-type": "application/json", ...reply.headers });
      response.end(reply.rawBody);
      return;
    }
    if (status !== 200) {
      sendJson(
        response,
        status,
        {
          error: {
            message: `scripted ${status}`,
            type: status === 429 ? "rate_limit_exceeded" : "server_error",
          },
        },
        reply.headers,
      );
      return;
    }
    const body = recorded.body;
    const choices: ScriptedChoice[] = reply.choices ?? [reply];
    const generated = choices.map((choice) => choice.content ?? "").join("");
    const usage = reply.usage ?? {
      prompt_tokens: Math.ceil(JSON.stringify(body.messages ?? body.prompt ?? "").length / 4),
      completion_tokens: Math.ceil(generated.length / 4),
    };
    const common = {
      id: `test-${++created}`,
      created: Math.floor(Date.now() / 1000),
      model: typeof body.model === "string" ? body.model : "test-model",
      usage: { ...usage, total_tokens: usage.prompt_tokens + usage.completion_tokens },
    };
    if (isChat) {
      sendJson(
        response,
        200,
        { ...common, object: "chat.completion", choices: choices.map(chatChoice) },
        reply.headers,
      );
      return;
    }
    sendJson(
      response,
      200,
      { ...common, object: "text_completion", choices: choices.map(completionChoice) },
      reply.headers,
    );
  }

  function defaultReply(recorded: RecordedRequest): ScriptedReply | Promise<ScriptedReply> {
    if (options.reply) return options.reply(recorded);
    return "No reply was scripted for this request. Score: 5";
  }

  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) =>
    server.listen(options.port ?? 0, options.host ?? "127.0.0.1", resolve),
  );
  const address = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? "127.0.0.1"}:${address.port}/v1`,
    requests,
    get inFlight() {
      return inFlight;
    },
    get maxInFlight() {
      return maxInFlight;
    },
    enqueue: (...replies) => {
      queue.push(...replies);
    },
    reset() {
      requests.length = 0;
      maxInFlight = inFlight;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function chatChoice(choice: ScriptedChoice, index: number): Record<string, unknown> {
  const message: Record<string, unknown> = { role: "assistant", content: choice.content ?? "" };
  if (choice.content === null) message.content = null;
  if (choice.refusal !== undefined) message.refusal = choice.refusal;
  const out: Record<string, unknown> = { index, message, finish_reason: choice.finishReason ?? "stop" };
  if (choice.tokenLogprobs) {
    out.logprobs = {
      content: choice.tokenLogprobs.map((entry) => ({
        token: entry.token,
        logprob: entry.logprob,
        top_logprobs: Object.entries(entry.top ?? { [entry.token]: entry.logprob }).map(
          ([token, logprob]) => ({ token, logprob }),
        ),
      })),
    };
  }
  return out;
}

function completionChoice(choice: ScriptedChoice, index: number): Record<string, unknown> {
  const tokens = choice.tokens ?? [];
  let offset = 0;
  const textOffset = tokens.map((token) => {
    const start = offset;
    offset += token.text.length;
    return start;
  });
  return {
    index,
    text: choice.content ?? "",
    finish_reason: choice.finishReason ?? "length",
    logprobs: tokens.length
      ? {
          tokens: tokens.map((token) => token.text),
          token_logprobs: tokens.map((token) => token.logprob),
          text_offset: textOffset,
          top_logprobs: tokens.map((token) => token.top ?? null),
        }
      : null,
  };
}

function sendJson(
  response: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  if (response.headersSent) return;
  const text = JSON.stringify(body);
  response.writeHead(status, {
    "content-type": "application/json",
    "content-length": Buffer.byteLength(text),
    ...headers,
  });
  response.end(text);
}

/** The chat messages of a recorded request (empty for completions requests); content lists as JSON. */
export function messagesOf(request: RecordedRequest | undefined): Array<{ role: string; content: string }> {
  const messages = request?.body?.messages;
  if (!Array.isArray(messages)) return [];
  return messages.map((message: { role?: unknown; content?: unknown }) => ({
    role: String(message.role),
    content: typeof message.content === "string" ? message.content : JSON.stringify(message.content),
  }));
}

/** The last user message of a recorded chat request: what a judge was asked. */
export function lastUserMessage(request: RecordedRequest | undefined): string {
  return (
    messagesOf(request)
      .filter((message) => message.role === "user")
      .at(-1)?.content ?? ""
  );
}

/** An image a chat request carried: its `image_url.url` and the text part just before it (its label). */
export interface ReceivedImage {
  url: string;
  /** Index of the message that held it. */
  message: number;
  /** The text part right before the image in the same message, if any (`[image 1]`). */
  label: string | undefined;
}

/** The `image_url` parts of a recorded chat request, in order: what a VLM judge was shown. */
export function imagesOf(request: RecordedRequest | undefined): ReceivedImage[] {
  const messages = request?.body?.messages;
  if (!Array.isArray(messages)) return [];
  const images: ReceivedImage[] = [];
  messages.forEach((message: { content?: unknown }, index) => {
    if (!Array.isArray(message.content)) return;
    let label: string | undefined;
    for (const part of message.content as Array<Record<string, unknown>>) {
      if (part?.type === "text" && typeof part.text === "string") label = part.text;
      if (part?.type !== "image_url") continue;
      const source = part.image_url as { url?: unknown } | undefined;
      images.push({ url: String(source?.url), message: index, label });
      label = undefined;
    }
  });
  return images;
}
