/** Prices in US dollars (or any currency) per million tokens. */
export interface TokenPrice {
  input_per_million: number;
  output_per_million: number;
}

/** What a judge's endpoint has cost so far. */
export interface UsageTotals {
  /** HTTP requests sent, retries included. */
  requests: number;
  /** Judgments answered from the cache (memory or SQLite) without a request. */
  cacheHits: number;
  retries: number;
  /** Requests that failed for good after their retries. */
  failures: number;
  promptTokens: number;
  completionTokens: number;
  /** Cost by `price`, 0 when no price is given. */
  cost: number;
}

export function emptyUsage(): UsageTotals {
  return {
    requests: 0,
    cacheHits: 0,
    retries: 0,
    failures: 0,
    promptTokens: 0,
    completionTokens: 0,
    cost: 0,
  };
}

/** Adds one reply's tokens to the totals, pricing them when a price is known. */
export function addTokens(
  totals: UsageTotals,
  tokens: { prompt: number; completion: number },
  price: TokenPrice | undefined,
): void {
  totals.promptTokens += tokens.prompt;
  totals.completionTokens += tokens.completion;
  if (price) {
    totals.cost +=
      (tokens.prompt * price.input_per_million + tokens.completion * price.output_per_million) / 1_000_000;
  }
}

/** The sum of two totals (per-run accounting adds a batch's usage to what the run had). */
export function addUsage(into: UsageTotals, more: UsageTotals): UsageTotals {
  return {
    requests: into.requests + more.requests,
    cacheHits: into.cacheHits + more.cacheHits,
    retries: into.retries + more.retries,
    failures: into.failures + more.failures,
    promptTokens: into.promptTokens + more.promptTokens,
    completionTokens: into.completionTokens + more.completionTokens,
    cost: into.cost + more.cost,
  };
}
