import { RewardkitError } from "../core/index.js";

export interface PostJsonOptions {
  url: string;
  body: unknown;
  /** Sent as `Authorization: Bearer ...` when set. */
  apiKey?: string | undefined;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  /** What the endpoint is, for messages ("remote RM", "PRM"). */
  what: string;
}

/**
 * POSTs JSON to a model endpoint and returns the parsed reply. Network failures, timeouts, 429 and
 * 5xx are retryable errors (the engine retries them per the node's `retries`); other statuses and
 * replies that are not JSON are UPSTREAM_ERRORs; an abort by the caller is ABORTED.
 */
export async function postJson(options: PostJsonOptions): Promise<unknown> {
  const { url, apiKey, timeoutMs, signal, what } = options;
  const headers: Record<string, string> = { "content-type": "application/json" };
  if (apiKey) headers.authorization = `Bearer ${apiKey}`;
  const timeout = AbortSignal.timeout(timeoutMs);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers,
      body: JSON.stringify(options.body),
      signal: signal ? AbortSignal.any([signal, timeout]) : timeout,
    });
  } catch (error) {
    const name = (error as Error).name;
    if (name === "TimeoutError") {
      throw new RewardkitError("TIMEOUT", `${what} ${url} did not answer within ${timeoutMs} ms`, {
        retryable: true,
        cause: error,
      });
    }
    if (name === "AbortError")
      throw new RewardkitError("ABORTED", `request to ${url} aborted`, { cause: error });
    throw new RewardkitError("UPSTREAM_ERROR", `cannot reach ${what} ${url}: ${(error as Error).message}`, {
      retryable: true,
      cause: error,
    });
  }
  const text = await response.text();
  if (!response.ok) {
    const retryable = response.status === 429 || response.status >= 500;
    throw new RewardkitError(
      response.status === 429 ? "RATE_LIMITED" : "UPSTREAM_ERROR",
      `${what} ${url} answered ${response.status}: ${text.slice(0, 200)}`,
      { retryable },
    );
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new RewardkitError(
      "UPSTREAM_ERROR",
      `${what} ${url} answered with invalid JSON: ${text.slice(0, 200)}`,
    );
  }
}
