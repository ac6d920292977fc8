/**
 * A client of the Open Reward Standard written from the protocol (docs/ors.md: the HTTP API and SSE
 * pages of openrewardstandard.io, and the calls the reference SDK makes), not from rewardkit's code:
 * it knows only URLs, headers, JSON bodies and the event stream.
 */

export interface Block {
  type: "text" | "image";
  text?: string;
  detail: Record<string, unknown> | null;
}
export interface ToolOutput {
  blocks: Block[];
  metadata: Record<string, unknown> | null;
  reward: number | null;
  finished: boolean;
}
export type RunToolOutput = { ok: true; output: ToolOutput } | { ok: false; error: string };
export interface ToolSpec {
  name: string;
  description: string;
  input_schema: Record<string, unknown> | null;
}

/** An HTTP error reply, with the protocol's `detail`. */
export class OrsHttpError extends Error {
  readonly status: number;
  readonly body: Record<string, unknown>;
  constructor(status: number, body: Record<string, unknown>) {
    super(`${status}: ${String(body.detail ?? JSON.stringify(body))}`);
    this.status = status;
    this.body = body;
  }
}

/** A stream's `error` event. */
export class OrsStreamError extends Error {}

export interface SseEvent {
  event: string;
  data: string;
}

/** Server-Sent Events as the standard reads them: `event:`/`data:` fields, blank-line dispatch, `:` comments skipped. */
export function parseSse(text: string): SseEvent[] {
  const events: SseEvent[] = [];
  let event: string | undefined;
  let data: string[] = [];
  for (const raw of text.split(/\r\n|\r|\n/)) {
    if (raw === "") {
      if (event !== undefined) events.push({ event, data: data.join("\n") });
      event = undefined;
      data = [];
      continue;
    }
    if (raw.startsWith(":")) continue;
    const colon = raw.indexOf(":");
    const field = colon < 0 ? raw : raw.slice(0, colon);
    let value = colon < 0 ? "" : raw.slice(colon + 1);
    if (value.startsWith(" ")) value = value.slice(1);
    if (field === "event") event = value;
    else if (field === "data") data.push(value);
  }
  return events;
}

export class OrsClient {
  readonly baseUrl: string;
  readonly #headers: Record<string, string>;

  constructor(baseUrl: string, options: { apiKey?: string } = {}) {
    this.baseUrl = baseUrl.replace(/\/$/, "");
    this.#headers = options.apiKey ? { "X-API-Key": options.apiKey } : {};
  }

  /** One request; JSON in and out. A non-2xx reply throws OrsHttpError. */
  async request<T>(
    method: "GET" | "POST",
    path: string,
    options: { sid?: string; body?: unknown } = {},
  ): Promise<T> {
    const response = await this.raw(method, path, options);
    const text = await response.text();
    const body = text === "" ? undefined : (JSON.parse(text) as unknown);
    if (!response.ok) throw new OrsHttpError(response.status, (body ?? {}) as Record<string, unknown>);
    return body as T;
  }

  raw(
    method: "GET" | "POST",
    path: string,
    options: { sid?: string; body?: unknown; accept?: string } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { ...this.#headers };
    if (options.sid !== undefined) headers["X-Session-ID"] = options.sid;
    if (options.accept) headers.Accept = options.accept;
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    return fetch(`${this.baseUrl}${path}`, {
      method,
      headers,
      ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
    });
  }

  listEnvironments(): Promise<string[]> {
    return this.request("GET", "/list_environments");
  }
  async listTools(env: string): Promise<ToolSpec[]> {
    return (await this.request<{ tools: ToolSpec[] }>("GET", `/${env}/tools`)).tools;
  }
  listSplits(env: string): Promise<{ name: string; type: string }[]> {
    return this.request("GET", `/${env}/splits`);
  }
  listTasks(env: string, split: string): Promise<{ tasks: Record<string, unknown>[]; env_name: string }> {
    return this.request("POST", `/${env}/tasks`, { body: { split } });
  }
  async numTasks(env: string, split: string): Promise<number> {
    return (await this.request<{ num_tasks: number }>("POST", `/${env}/num_tasks`, { body: { split } }))
      .num_tasks;
  }
  async getTask(env: string, split: string, index: number): Promise<Record<string, unknown>> {
    return (
      await this.request<{ task: Record<string, unknown> }>("POST", `/${env}/task`, {
        body: { split, index },
      })
    ).task;
  }
  async getTaskRange(
    env: string,
    split: string,
    start?: number,
    stop?: number,
  ): Promise<Record<string, unknown>[]> {
    const body: Record<string, unknown> = { split };
    if (start !== undefined) body.start = start;
    if (stop !== undefined) body.stop = stop;
    return (await this.request<{ tasks: Record<string, unknown>[] }>("POST", `/${env}/task_range`, { body }))
      .tasks;
  }

  /** A session id, read from the `task_id` event of the stream (as the SDK asks for it). */
  async createSession(): Promise<string> {
    const response = await this.raw("POST", "/create_session", { accept: "text/event-stream" });
    if (!response.ok)
      throw new OrsHttpError(response.status, (await response.json()) as Record<string, unknown>);
    const sid = parseSse(await response.text())
      .find((event) => event.event === "task_id")
      ?.data.trim();
    if (!sid) throw new Error("no task_id event from /create_session");
    return sid;
  }

  create(
    sid: string,
    body: { env_name?: string; task_spec?: Record<string, unknown>; split?: string; index?: number },
  ): Promise<{ sid: string }> {
    return this.request("POST", "/create", { sid, body: { ...body, secrets: {} } });
  }
  prompt(env: string, sid: string): Promise<Block[]> {
    return this.request("GET", `/${env}/prompt`, { sid });
  }
  async taskTools(env: string, sid: string): Promise<ToolSpec[]> {
    return (await this.request<{ tools: ToolSpec[] }>("GET", `/${env}/task_tools`, { sid })).tools;
  }
  ping(sid: string): Promise<{ status: string }> {
    return this.request("POST", "/ping", { sid });
  }
  delete(sid: string): Promise<{ sid: string }> {
    return this.request("POST", "/delete", { sid });
  }
  deleteSession(sid: string): Promise<{ sid: string }> {
    return this.request("POST", "/delete_session", { sid });
  }

  /**
   * Calls a tool and reads the stream: `task_id`, then the result JSON in `chunk` events and a final
   * `end`; an `error` event throws OrsStreamError.
   */
  async call(
    env: string,
    sid: string,
    tool: { name: string; input: Record<string, unknown>; taskId?: string },
  ): Promise<{ taskId: string | undefined; result: RunToolOutput; events: SseEvent[] }> {
    const body: Record<string, unknown> = { name: tool.name, input: tool.input };
    if (tool.taskId) body.task_id = tool.taskId;
    const response = await this.raw("POST", `/${env}/call`, { sid, body, accept: "text/event-stream" });
    if (!response.ok)
      throw new OrsHttpError(response.status, (await response.json()) as Record<string, unknown>);
    const events = parseSse(await response.text());
    let taskId: string | undefined;
    const parts: string[] = [];
    for (const event of events) {
      if (event.event === "task_id") taskId = event.data.trim();
      else if (event.event === "chunk") parts.push(event.data);
      else if (event.event === "end") {
        parts.push(event.data);
        return { taskId, result: JSON.parse(parts.join("")) as RunToolOutput, events };
      } else if (event.event === "error") throw new OrsStreamError(event.data);
    }
    throw new Error(`the stream ended without an end event: ${JSON.stringify(events)}`);
  }

  /** The SDK's session: create_session, create, and delete + delete_session at the end. */
  async session<T>(
    env: string,
    task: { task_spec?: Record<string, unknown>; split?: string; index?: number },
    use: (sid: string) => Promise<T>,
  ): Promise<T> {
    const sid = await this.createSession();
    await this.create(sid, { env_name: env, ...task });
    try {
      return await use(sid);
    } finally {
      await this.delete(sid);
      await this.deleteSession(sid);
    }
  }
}

/** The text of the blocks, joined. */
export function blocksText(blocks: readonly Block[]): string {
  return blocks.map((block) => block.text ?? "").join("\n");
}
