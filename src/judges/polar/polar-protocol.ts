import { RewardkitError } from "../../core/index.js";

/** The serving stacks POLAR's client speaks to (`reward_func.py`). */
export type PolarServer = "sglang" | "vllm" | "lmdeploy";

/** Path and body of one batched reward request. */
export function polarRequest(
  server: PolarServer,
  texts: readonly string[],
  model: string,
): { path: string; body: unknown } {
  switch (server) {
    case "sglang":
      return { path: "/classify", body: { model, text: texts } };
    case "vllm":
    case "lmdeploy":
      return { path: "/pooling", body: { input: texts } };
  }
}

/**
 * The rewards in a server's reply: sglang `[{embedding: [r, ...]}]`, vLLM's pooling output
 * `{data: [{data: [..., [r]]}]}` (the last position's value), LMDeploy `{data: [{data: r}]}`.
 * Anything else, or a count that does not match, is an UPSTREAM_ERROR naming what came back.
 */
export function polarRewards(server: PolarServer, reply: unknown, expected: number): number[] {
  const fail = (what: string): never => {
    throw new RewardkitError(
      "UPSTREAM_ERROR",
      `POLAR ${server} reply: ${what} (got ${JSON.stringify(reply)?.slice(0, 160)})`,
    );
  };
  const items = server === "sglang" ? reply : (reply as { data?: unknown } | null)?.data;
  if (!Array.isArray(items))
    return fail(server === "sglang" ? "expected a list" : "expected `data` to be a list");
  if (items.length !== expected) return fail(`expected ${expected} rewards, got ${items.length}`);
  return items.map((item: unknown, index) => {
    let value: unknown;
    if (server === "sglang") value = (item as { embedding?: unknown[] } | null)?.embedding?.[0];
    else if (server === "vllm") {
      const rows = (item as { data?: unknown } | null)?.data;
      const last = Array.isArray(rows) ? rows[rows.length - 1] : undefined;
      value = Array.isArray(last) ? last[0] : last;
    } else value = (item as { data?: unknown } | null)?.data;
    if (typeof value !== "number" || !Number.isFinite(value))
      return fail(`item ${index} has no finite reward`);
    return value;
  });
}
