import { RewardkitError } from "../core/index.js";
import type { TextPair } from "./features/featurizer.js";
import { postJson } from "./http-json.js";
import type { ScoreTextsOptions, TextRewardScorer } from "./text-scorer.js";

export interface RemoteRewardModelOptions {
  /** The endpoint, e.g. `http://127.0.0.1:5000/get_reward` (OpenRLHF's serve_rm route). */
  url: string;
  /** Texts per request. */
  batchSize?: number;
  /** Requests in flight at once. */
  concurrency?: number;
  /** Which reply list is the reward (`scores` falls back to `rewards`, as OpenRLHF does). */
  use?: "rewards" | "scores";
  /** Sent as `Authorization: Bearer ...` when set. */
  apiKey?: string | undefined;
  /** How `query` is built from prompt and response (OpenRLHF sends the decoded prompt + response). */
  template?: string;
  /** Per-request timeout (ms). */
  timeoutMs?: number;
}

export interface RemoteReply {
  rewards: Float64Array;
  /** Numeric `extra_logs` lists, aligned with the queries. */
  extras: Record<string, Float64Array>;
}

/**
 * A reward model behind HTTP speaking OpenRLHF's remote RM protocol: POST
 * `{"query": [...], "prompts": [...], "labels": [...]}` → `{"rewards": [...], "scores"?: [...],
 * "extra_logs"?: {...}}`. Network failures, 429 and 5xx are retryable errors (the engine retries
 * them per the node's `retries`); a reply of the wrong shape or length is an UPSTREAM_ERROR.
 */
export class RemoteRewardModel implements TextRewardScorer {
  readonly kind = "remote";
  readonly members = 1;
  private readonly options: Required<Omit<RemoteRewardModelOptions, "apiKey">> & {
    apiKey?: string | undefined;
  };

  constructor(options: RemoteRewardModelOptions) {
    this.options = {
      batchSize: 64,
      concurrency: 4,
      use: "rewards",
      template: "{prompt}{response}",
      timeoutMs: 180_000,
      ...options,
    };
  }

  async scoreTexts(
    items: readonly TextPair[],
    options: ScoreTextsOptions & { labels?: readonly string[] } = {},
  ): Promise<Float64Array> {
    return (await this.scoreWithExtras(items, options)).rewards;
  }

  async scoreWithExtras(
    items: readonly TextPair[],
    options: ScoreTextsOptions & { labels?: readonly string[] } = {},
  ): Promise<RemoteReply> {
    const { batchSize, concurrency } = this.options;
    const rewards = new Float64Array(items.length);
    const extras: Record<string, Float64Array> = {};
    const starts: number[] = [];
    for (let start = 0; start < items.length; start += batchSize) starts.push(start);
    let next = 0;
    const worker = async () => {
      while (next < starts.length) {
        const start = starts[next++] as number;
        const slice = items.slice(start, start + batchSize);
        const labels = options.labels?.slice(start, start + batchSize) ?? slice.map(() => "");
        const reply = await this.request(slice, labels, options.signal);
        rewards.set(reply.rewards, start);
        for (const [key, values] of Object.entries(reply.extras)) {
          let column = extras[key];
          if (!column) {
            column = new Float64Array(items.length).fill(Number.NaN);
            extras[key] = column;
          }
          column.set(values, start);
        }
      }
    };
    await Promise.all(Array.from({ length: Math.min(concurrency, starts.length) }, worker));
    return { rewards, extras };
  }

  private async request(
    items: readonly TextPair[],
    labels: readonly string[],
    signal?: AbortSignal,
  ): Promise<RemoteReply> {
    const { url, template, use, apiKey, timeoutMs } = this.options;
    const body = {
      query: items.map((item) =>
        template.replace("{prompt}", item.prompt).replace("{response}", item.response),
      ),
      prompts: items.map((item) => item.prompt),
      labels,
    };
    const reply = (await postJson({ url, body, apiKey, timeoutMs, signal, what: "remote RM" })) as {
      rewards?: unknown;
      scores?: unknown;
      extra_logs?: unknown;
    } | null;
    if (typeof reply !== "object" || reply === null) {
      throw new RewardkitError(
        "UPSTREAM_ERROR",
        `remote RM ${url}: expected a JSON object, got ${JSON.stringify(reply)}`,
      );
    }
    const list = use === "scores" ? (reply.scores ?? reply.rewards) : reply.rewards;
    if (
      !Array.isArray(list) ||
      list.length !== items.length ||
      !list.every((value) => typeof value === "number")
    ) {
      throw new RewardkitError(
        "UPSTREAM_ERROR",
        `remote RM ${url}: expected "${use}" to be ${items.length} numbers, got ${JSON.stringify(list)?.slice(0, 120)}`,
      );
    }
    const extras: Record<string, Float64Array> = {};
    if (typeof reply.extra_logs === "object" && reply.extra_logs !== null) {
      for (const [key, values] of Object.entries(reply.extra_logs as Record<string, unknown>)) {
        if (
          Array.isArray(values) &&
          values.length === items.length &&
          values.every((value) => typeof value === "number")
        ) {
          extras[key] = Float64Array.from(values as number[]);
        }
      }
    }
    return { rewards: Float64Array.from(list as number[]), extras };
  }
}
