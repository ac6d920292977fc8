import { cacheKey } from "./cache.js";
import { isPromiseLike, mapBounded } from "./concurrency.js";
import type { Context } from "./context.js";
import { backoffMs, sleep, withDeadline } from "./deadline.js";
import { RewardkitError, toRewardkitError } from "./errors.js";
import type { RewardResult } from "./result.js";
import { asResult, type NodeImplementation, type Reward, type SampleScore } from "./reward.js";
import type { Sample } from "./sample.js";
import { selfComponentMaker } from "./self-component.js";

export interface GuardOptions {
  name: string;
  path: string;
  onError: number;
  timeoutMs: number | undefined;
  retries: number;
  /** The node fingerprint when results are cached by content; undefined disables the cache. */
  cacheFingerprint: string | undefined;
  /** Whether the node's own score appears in `components` (off for a composite root). */
  reportSelf: boolean;
}

/**
 * Wraps a node's implementation with what every node gets from the engine: per-sample error
 * isolation, deadlines, retries, the content cache, the finite-score check, `on_error`, and its
 * score under its own name in `components`.
 */
export function guard(implementation: NodeImplementation, guardOptions: GuardOptions): Reward {
  const options: Guarded = { ...guardOptions, selfComponent: selfComponentMaker(guardOptions.name) };
  const reward: Reward =
    implementation.kind === "sample"
      ? {
          name: options.name,
          score: (batch, context) => scorePerSample(implementation, batch, context, options),
        }
      : {
          name: options.name,
          async score(batch, context) {
            if (options.cacheFingerprint === undefined && options.retries === 0)
              return scoreBatchPlain(implementation, batch, context, options);
            const raw = await scoreAsBatch(implementation, batch, context, options);
            return raw.map((entry) =>
              entry.ok ? finish(entry.value, options) : failure(entry.error, options),
            );
          },
        };
  if (implementation.close) return { ...reward, close: implementation.close };
  return reward;
}

/** The options with what the guard derives from them once per node. */
interface Guarded extends GuardOptions {
  /** `{ [name]: score }` as a fixed-shape literal (see self-component.ts). */
  readonly selfComponent: (value: number) => Record<string, number>;
}

type Outcome = { ok: true; value: SampleScore } | { ok: false; error: unknown };

/**
 * A per-sample node over a batch, each sample's result finished (on_error, finite check, own
 * component) as it comes. A node without deadline, retries or cache runs in a plain loop while it
 * answers synchronously — cheap verifiers then cost no promise, closure or outcome object per
 * sample — and falls back to the bounded-concurrency path at its first promise. Nothing can abort
 * the request while the loop runs synchronously, so the signal is checked once for that stretch.
 */
async function scorePerSample(
  implementation: Extract<NodeImplementation, { kind: "sample" }>,
  batch: readonly Sample[],
  context: Context,
  options: Guarded,
): Promise<RewardResult[]> {
  const plain =
    options.timeoutMs === undefined && options.retries === 0 && options.cacheFingerprint === undefined;
  const settle = (value: SampleScore | PromiseLike<SampleScore>): RewardResult | Promise<RewardResult> =>
    isPromiseLike(value)
      ? Promise.resolve(value).then(
          (resolved) => finish(resolved, options),
          (error: unknown) => failure(error, options),
        )
      : finish(value, options);
  let start = 0;
  // The first asynchronous answer of the plain loop: the bounded path takes it over as its first item.
  let pending: Promise<RewardResult> | undefined;
  const results = new Array<RewardResult>(batch.length);
  if (plain && !context.signal.aborted) {
    for (; start < batch.length; start++) {
      let value: SampleScore | Promise<SampleScore>;
      try {
        value = implementation.scoreOne(batch[start] as Sample, context);
      } catch (error) {
        results[start] = failure(error, options);
        continue;
      }
      if (isPromiseLike(value)) {
        pending = settle(value) as Promise<RewardResult>;
        break;
      }
      results[start] = finish(value, options);
    }
    if (start === batch.length) return results;
  }
  const rest = start === 0 ? batch : batch.slice(start);
  const scored = await mapBounded(rest, context.concurrency, (sample, index) => {
    if (index === 0 && pending) return pending;
    if (context.signal.aborted) {
      return failure(
        new RewardkitError("ABORTED", "the request was aborted before this sample ran"),
        options,
      );
    }
    if (plain) {
      try {
        return settle(implementation.scoreOne(sample, context));
      } catch (error) {
        return failure(error, options);
      }
    }
    return runOne(sample, context, options, (signal) =>
      implementation.scoreOne(sample, signal === context.signal ? context : { ...context, signal }),
    ).then((outcome) => (outcome.ok ? finish(outcome.value, options) : failure(outcome.error, options)));
  });
  for (let index = 0; index < scored.length; index++) results[start + index] = scored[index] as RewardResult;
  return results;
}

async function runOne(
  sample: Sample,
  context: Context,
  options: Guarded,
  work: (signal: AbortSignal) => SampleScore | Promise<SampleScore>,
): Promise<Outcome> {
  const key = options.cacheFingerprint === undefined ? undefined : cacheKey(options.cacheFingerprint, sample);
  if (key !== undefined) {
    const cached = await context.cache.get(key);
    if (cached !== undefined) return { ok: true, value: cached };
  }
  for (let attempt = 0; ; attempt++) {
    try {
      const value = await withDeadline(work, {
        timeoutMs: options.timeoutMs,
        parent: context.signal,
        what: `node "${options.name}"`,
      });
      if (key !== undefined) {
        const result = asResult(value);
        if (!result.error) await context.cache.set(key, result);
      }
      return { ok: true, value };
    } catch (error) {
      const typed = toRewardkitError(error);
      if (attempt >= options.retries || !typed.retryable || context.signal.aborted)
        return { ok: false, error };
      await sleep(backoffMs(attempt), context.signal).catch(() => undefined);
    }
  }
}

/** One call of a batch node under its deadline; one answer per sample, or INTERNAL. */
async function callBatch(
  implementation: Extract<NodeImplementation, { kind: "batch" }>,
  batch: readonly Sample[],
  context: Context,
  options: Guarded,
): Promise<readonly SampleScore[]> {
  const values = await withDeadline(
    (signal) =>
      implementation.scoreBatch(batch, signal === context.signal ? context : { ...context, signal }),
    { timeoutMs: options.timeoutMs, parent: context.signal, what: `node "${options.name}"` },
  );
  if (values.length !== batch.length) {
    throw new RewardkitError(
      "INTERNAL",
      `node "${options.name}" returned ${values.length} results for ${batch.length} samples`,
    );
  }
  return values;
}

/**
 * A batch node without cache or retries (every composite, most reward models): one call under its
 * deadline, each answer finished as it leaves; a failure fails every sample. What `scoreAsBatch`
 * does for such a node, without an outcome object per sample.
 */
async function scoreBatchPlain(
  implementation: Extract<NodeImplementation, { kind: "batch" }>,
  batch: readonly Sample[],
  context: Context,
  options: Guarded,
): Promise<RewardResult[]> {
  if (batch.length === 0) return [];
  try {
    const values = await callBatch(implementation, batch, context, options);
    const results = new Array<RewardResult>(values.length);
    for (let index = 0; index < values.length; index++)
      results[index] = finish(values[index] as SampleScore, options);
    return results;
  } catch (error) {
    return batch.map(() => failure(error, options));
  }
}

async function scoreAsBatch(
  implementation: Extract<NodeImplementation, { kind: "batch" }>,
  batch: readonly Sample[],
  context: Context,
  options: Guarded,
): Promise<Outcome[]> {
  const outcomes = new Array<Outcome | undefined>(batch.length);
  // With a cache, only the misses go to the node.
  const keys =
    options.cacheFingerprint === undefined
      ? undefined
      : batch.map((sample) => cacheKey(options.cacheFingerprint as string, sample));
  const missing: number[] = [];
  if (keys) {
    for (let index = 0; index < batch.length; index++) {
      const cached = await context.cache.get(keys[index] as string);
      if (cached === undefined) missing.push(index);
      else outcomes[index] = { ok: true, value: cached };
    }
  }
  const subset = keys ? missing.map((index) => batch[index] as Sample) : batch;
  if (subset.length > 0) {
    for (let attempt = 0; ; attempt++) {
      try {
        const values = await callBatch(implementation, subset, context, options);
        for (let position = 0; position < subset.length; position++) {
          const index = keys ? (missing[position] as number) : position;
          const value = values[position] as SampleScore;
          outcomes[index] = { ok: true, value };
          if (keys) {
            const result = asResult(value);
            if (!result.error) await context.cache.set(keys[index] as string, result);
          }
        }
        break;
      } catch (error) {
        const typed = toRewardkitError(error);
        if (attempt >= options.retries || !typed.retryable || context.signal.aborted) {
          for (let position = 0; position < subset.length; position++) {
            outcomes[keys ? (missing[position] as number) : position] = { ok: false, error };
          }
          break;
        }
        await sleep(backoffMs(attempt), context.signal).catch(() => undefined);
      }
    }
  }
  return outcomes as Outcome[];
}

/** A node's answer as it leaves the node: `on_error` for failures, finite scores only, its own component. */
function finish(value: SampleScore, options: Guarded): RewardResult {
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return nonFinite(value, options);
    // The common case of a cheap verifier: one object, no copy.
    if (!options.reportSelf) return { score: value };
    return { score: value, components: options.selfComponent(value) };
  }
  const result = value;
  if (result.error) {
    return withSelf(
      {
        ...result,
        score: options.onError,
        error: { ...result.error, node: result.error.node ?? options.name },
      },
      options,
    );
  }
  if (!Number.isFinite(result.score)) return nonFinite(result.score, options);
  const perPart = nonFiniteEntry(result.turnRewards) ?? nonFiniteEntry(result.stepRewards);
  if (perPart !== undefined) return nonFinite(perPart, options);
  return withSelf(result, options);
}

/** The first non-finite entry of per-turn or per-step rewards (they train models too). */
function nonFiniteEntry(values: readonly number[] | undefined): number | undefined {
  if (values === undefined) return undefined;
  for (const value of values) if (!Number.isFinite(value)) return value;
  return undefined;
}

function nonFinite(score: number, options: Guarded): RewardResult {
  return failure(
    new RewardkitError("NON_FINITE", `node "${options.name}" produced a non-finite score (${score})`),
    options,
  );
}

function failure(error: unknown, options: Guarded): RewardResult {
  const typed = toRewardkitError(error);
  return withSelf(
    { score: options.onError, error: { code: typed.code, message: typed.located, node: options.name } },
    options,
  );
}

/**
 * The result as it leaves the node, with the node's own score under its name. The components
 * object is always a new one, so callers (composites) may extend it in place.
 */
function withSelf(result: RewardResult, options: Guarded): RewardResult {
  if (!options.reportSelf) return result;
  const components: Record<string, number> = {};
  if (result.components) Object.assign(components, result.components);
  components[options.name] = result.score;
  const out: RewardResult = { score: result.score, components };
  if (result.reason !== undefined) out.reason = result.reason;
  if (result.error !== undefined) out.error = result.error;
  if (result.childErrors !== undefined) out.childErrors = result.childErrors;
  if (result.turnRewards !== undefined) out.turnRewards = result.turnRewards;
  if (result.stepRewards !== undefined) out.stepRewards = result.stepRewards;
  return out;
}
