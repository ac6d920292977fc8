import type { RewardkitError, RewardResult, Sample } from "../core/index.js";
import type { LoadedSpec } from "../engine/index.js";
import type { ServerMetrics } from "./metrics.js";
import type { MicroBatcher } from "./micro-batcher.js";
import type { NonFiniteInput } from "./non-finite.js";
import type { ServeOptions } from "./options.js";
import type { RequestScope } from "./request-scope.js";
import type { ResultsJson } from "./results-json.js";
import { type ComponentKeys, refusedResult } from "./wire-results.js";

/** What every route needs: the compiled spec, the batcher, metrics and the server's options. */
export interface ServeCore {
  readonly loaded: LoadedSpec;
  readonly options: ServeOptions;
  readonly batcher: MicroBatcher;
  readonly metrics: ServerMetrics;
  readonly componentKeys: ComponentKeys;
  /** Writes `/v1/score` replies (the fixed result shape, faster than JSON.stringify, same text). */
  readonly resultsJson: ResultsJson;
  /** The root node's component name and its `on_error` score (given to refused samples). */
  readonly rootName: string;
  readonly rootOnError: number;
  /** Warnings this server has logged already (each is logged once, not once per request). */
  readonly warned: Set<string>;
}

/** What a scoring route reads from its request, whichever HTTP layer received it (Fastify or the hot path). */
export interface RouteRequest {
  readonly body: unknown;
  /** The parsed query string ({} when there is none). */
  readonly query: unknown;
  readonly scope: RequestScope;
  /** Where the body held Python's `NaN`/`Infinity` tokens (null when it held none). */
  readonly nonFiniteInputs: readonly NonFiniteInput[] | null;
  readonly log: RouteLog;
  /** Checks the caller may act on the run (403 otherwise) and returns it (`authorizeRun`). */
  authorize(target: { run: string; step: number; samples: number }): string;
}

export interface RouteLog {
  info(fields: object, message: string): void;
  warn(fields: object, message: string): void;
}

/** Logs a warning the first time `key` comes up on this server; later occurrences stay silent. */
export function warnOnce(
  core: ServeCore,
  log: { warn(fields: object, message: string): void },
  warning: { key: string; message: string; fields?: object },
): void {
  if (core.warned.has(warning.key)) return;
  core.warned.add(warning.key);
  log.warn({ warning: warning.key, ...warning.fields }, warning.message);
}

/**
 * Scores the samples of one request, in order. Entries that are errors (rows refused before
 * scoring) get the root's `on_error` score and their error; the rest go through the batcher.
 */
export async function scoreEntries(
  core: ServeCore,
  scope: RequestScope,
  entries: readonly (Sample | RewardkitError)[],
  job: { run: string; step: number; mergeable: boolean },
): Promise<RewardResult[]> {
  const samples: Sample[] = [];
  for (const entry of entries) if (!(entry instanceof Error)) samples.push(entry);
  // The job spelt out, not spread (`{ ...job, samples, cancellation }`): with the spread, every
  // request's job and what it holds outlived young-generation collections and was promoted
  // (0.33 → 0.02 KB per single-rollout request, 4.8 → 0.1 KB per batched one, mark-compacts
  // 7 → 0 per 5 s of batches; docs/BENCHMARKS.md). Measured, not traced inside V8.
  const scored =
    samples.length === 0
      ? []
      : await core.batcher.submit({
          run: job.run,
          step: job.step,
          mergeable: job.mergeable,
          samples,
          cancellation: scope,
        });
  if (samples.length === entries.length) return scored;
  const out: RewardResult[] = [];
  let next = 0;
  for (const entry of entries) {
    if (entry instanceof Error) {
      core.metrics.sampleError(entry.code);
      out.push(refusedResult(entry, core.rootOnError));
    } else {
      out.push(scored[next++] as RewardResult);
    }
  }
  return out;
}
