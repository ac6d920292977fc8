import {
  completionText,
  createContext,
  type Logger,
  mulberry32,
  promptText,
  type ResultCache,
  type Reward,
  RewardkitError,
  type RewardResult,
  type Sample,
  type StateStore,
} from "../core/index.js";
import {
  addMoment,
  type DiagnosticsSection,
  diagnoseHacking,
  diagnosticsSectionSchema,
  emptyStepAggregate,
  fnv1a,
  type HackingReport,
  type HackingRoles,
  mergeStepAggregates,
  type Observation,
  type ObserveOptions,
  observeBatch,
  type StepAggregate,
} from "../diagnose/index.js";

/** The state key prefix of a run's per-step aggregates. */
export const diagnosticsKeyPrefix = "diagnostics:step:";

/** Gold-probe batches in flight per process before new ones are skipped (and counted). */
const maxPendingGold = 64;

export interface DiagnosticsRecorderOptions {
  stateStore: StateStore;
  settings?: DiagnosticsSection | undefined;
  /** The held-out gold probe (the spec's `diagnostics.gold`), compiled. */
  gold?: Reward | undefined;
  roles: HackingRoles;
  logger: Logger;
  cache?: ResultCache | undefined;
  concurrency: number;
}

/** What GET /v1/diagnostics answers: the report plus how the gold probe is doing in this process. */
export type DiagnosticsReply = HackingReport & {
  run: string;
  gold_probe: { configured: boolean; rate: number | null; pending: number; skipped: number };
};

/**
 * Records the server's traffic for the reward-hacking flags: each scored batch becomes a per-step
 * aggregate (diagnose/hacking/step-aggregate.ts) merged into the run's state store under
 * `diagnostics:step:<step>` — sums, counts and a bottom-k sample of examples, so the merge is
 * exact across requests, `--workers` and Redis-sharing instances (compare-and-set). The gold probe
 * scores a hash-chosen `rate` of samples off the request path; its scores go only into the
 * aggregates, never into replies. Nothing here may fail a request: errors are logged once.
 */
export class DiagnosticsRecorder {
  readonly #options: DiagnosticsRecorderOptions;
  readonly #settings: DiagnosticsSection;
  readonly #observe: ObserveOptions;
  readonly #pending = new Map<string, Set<Promise<void>>>();
  #goldSkipped = 0;
  #warned = false;
  /** Chooses the batches recorded under `sample_rate` (seeded: a server's choice repeats). */
  readonly #chooseBatch = mulberry32(0x5eed);

  constructor(options: DiagnosticsRecorderOptions) {
    this.#options = options;
    // Off unless the spec has a `diagnostics` section: recording costs a few µs a sample, which on a
    // cheap spec is a large share of the server's throughput (docs/BENCHMARKS.md).
    this.#settings = options.settings ?? diagnosticsSectionSchema.parse({ enabled: false });
    const thresholds = this.#settings.thresholds ?? {};
    this.#observe = {
      textRate: this.#settings.text_rate,
      examples: this.#settings.examples,
      ngram: thresholds.ngram ?? 4,
      repetition: thresholds.repetition ?? 0.5,
      copyCoverage: thresholds.copy_coverage ?? 0.6,
      maxPairedComponents: 12,
    };
  }

  get enabled(): boolean {
    return this.#settings.enabled;
  }

  /** Records one scored batch (returns at once; the state update and the gold probe run behind). */
  record(batch: {
    run: string;
    step: number;
    samples: readonly Sample[];
    results: readonly RewardResult[];
  }): void {
    try {
      this.#record(batch);
    } catch (error) {
      // Recording is an observer: a failure here must never fail the request that was scored.
      this.#warn(error, batch.run);
    }
  }

  #record(batch: {
    run: string;
    step: number;
    samples: readonly Sample[];
    results: readonly RewardResult[];
  }): void {
    if (!this.#settings.enabled) return;
    if (this.#settings.sample_rate < 1 && this.#chooseBatch() >= this.#settings.sample_rate) return;
    const bucket = Math.floor(batch.step / this.#settings.step_bucket) * this.#settings.step_bucket;
    const observations: Observation[] = [];
    const scored: Array<{ sample: Sample; reward: number }> = [];
    batch.samples.forEach((sample, index) => {
      const result = batch.results[index];
      if (!result || result.error || !Number.isFinite(result.score)) return;
      observations.push(observationOf(sample, result));
      scored.push({ sample, reward: result.score });
    });
    if (observations.length === 0) return;
    const aggregate = observeBatch(emptyStepAggregate(bucket), observations, this.#observe);
    this.#track(batch.run, this.#merge(batch.run, aggregate));
    const gold = this.#options.gold;
    if (!gold) return;
    const chosen = scored.filter(({ sample }) => sampled(sample, this.#settings.rate));
    if (chosen.length === 0) return;
    if (this.#pendingCount() >= maxPendingGold) {
      this.#goldSkipped += chosen.length;
      return;
    }
    this.#track(batch.run, this.#probe(gold, { run: batch.run, step: batch.step, bucket, chosen }));
  }

  /** The run's flags from everything recorded so far (after this process's pending gold scores land). */
  async report(run: string): Promise<DiagnosticsReply> {
    if (!this.#settings.enabled) {
      throw new RewardkitError(
        "NOT_FOUND",
        "reward-hacking diagnostics are off on this server: add a `diagnostics:` section to the spec (`diagnostics: {}` for the defaults; docs/diagnose-hacking.md)",
        { path: "diagnostics" },
      );
    }
    const pending = [...(this.#pending.get(run) ?? [])];
    if (pending.length > 0) {
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, 10_000);
      });
      await Promise.race([Promise.allSettled(pending), timeout]);
      clearTimeout(timer);
    }
    const snapshot = await this.#options.stateStore.snapshot(run);
    const aggregates: StepAggregate[] = [];
    for (const [key, value] of Object.entries(snapshot)) {
      if (key.startsWith(diagnosticsKeyPrefix) && value) aggregates.push(value as StepAggregate);
    }
    const report = diagnoseHacking(aggregates, {
      thresholds: this.#settings.thresholds ?? {},
      roles: this.#options.roles,
      examples: this.#settings.examples,
    });
    return {
      ...report,
      run,
      gold_probe: {
        configured: this.#options.gold !== undefined,
        rate: this.#options.gold ? this.#settings.rate : null,
        pending: this.#pending.get(run)?.size ?? 0,
        skipped: this.#goldSkipped,
      },
    };
  }

  /** Waits for every pending state update and gold score (graceful shutdown). */
  async idle(): Promise<void> {
    const all = [...this.#pending.values()].flatMap((set) => [...set]);
    await Promise.allSettled(all);
  }

  #merge(run: string, aggregate: StepAggregate): Promise<void> {
    const keep = this.#settings.examples;
    return this.#options.stateStore
      .forRun(run)
      .update<StepAggregate>(`${diagnosticsKeyPrefix}${aggregate.step}`, (previous) =>
        mergeStepAggregates(previous ?? emptyStepAggregate(aggregate.step), aggregate, keep),
      )
      .then(() => undefined);
  }

  async #probe(
    gold: Reward,
    job: { run: string; step: number; bucket: number; chosen: Array<{ sample: Sample; reward: number }> },
  ): Promise<void> {
    const context = createContext({
      runId: job.run,
      step: job.step,
      signal: AbortSignal.timeout(120_000),
      stateStore: this.#options.stateStore,
      logger: this.#options.logger,
      concurrency: this.#options.concurrency,
      ...(this.#options.cache ? { cache: this.#options.cache } : {}),
    });
    const results = await gold.score(
      job.chosen.map(({ sample }) => sample),
      context,
    );
    const aggregate = emptyStepAggregate(job.bucket);
    results.forEach((result, index) => {
      const reward = job.chosen[index]?.reward;
      if (result.error || !Number.isFinite(result.score) || reward === undefined) {
        aggregate.goldErrors++;
        return;
      }
      addMoment(aggregate.gold, result.score);
      addMoment(aggregate.goldReward, reward);
    });
    await this.#merge(job.run, aggregate);
  }

  #track(run: string, work: Promise<void>): void {
    let set = this.#pending.get(run);
    if (!set) {
      set = new Set();
      this.#pending.set(run, set);
    }
    const tracked = work.catch((error: unknown) => this.#warn(error, run));
    set.add(tracked);
    void tracked.finally(() => {
      set.delete(tracked);
      if (set.size === 0 && this.#pending.get(run) === set) this.#pending.delete(run);
    });
  }

  #warn(error: unknown, run: string): void {
    if (this.#warned) return;
    this.#warned = true;
    this.#options.logger.warn(
      { err: error, run },
      "reward-hacking diagnostics could not record a batch (replies are unaffected; further failures are not logged)",
    );
  }

  #pendingCount(): number {
    let count = 0;
    for (const set of this.#pending.values()) count += set.size;
    return count;
  }
}

function observationOf(sample: Sample, result: RewardResult): Observation {
  const kl = sample.meta?.kl;
  return {
    prompt: safeText(() => promptText(sample)),
    completion: safeText(() => completionText(sample)),
    reward: result.score,
    components: result.components,
    group: sample.group === undefined ? undefined : String(sample.group),
    kl: typeof kl === "number" ? kl : undefined,
  };
}

function safeText(read: () => string): string {
  try {
    return read();
  } catch {
    return "";
  }
}

/** Whether the gold probe takes this sample: a hash of its id (or text) below the rate. */
function sampled(sample: Sample, rate: number): boolean {
  if (rate >= 1) return true;
  const key =
    sample.id ?? `${safeText(() => promptText(sample))}\u0000${safeText(() => completionText(sample))}`;
  return fnv1a(`gold\u0000${key}`) / 4294967296 < rate;
}
