import { Counter, collectDefaultMetrics, Gauge, type Metric, Registry } from "prom-client";
import { type ResultCache, type RewardResult, rowError } from "../core/index.js";
import { FastCounter, FastHistogram, type HistogramSeries } from "./fast-metrics.js";

const latencyBuckets = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120];
/** Rewards are mostly in [0, 1]; wider ones still get exact means from `_sum / _count`. */
const rewardBuckets = [-1, -0.5, 0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1, 1.5, 2, 5];
const batchBuckets = [1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024];

export interface ServerGauges {
  queuedSamples(): number;
  inFlightBatches(): number;
  inFlightRequests(): number;
}

/**
 * The server's Prometheus metrics, in their own registry (several servers may share a process):
 * requests and latency by route, per-component reward distributions, errors by code, cache hits,
 * queue depth and batch sizes, plus Node's process metrics.
 */
export class ServerMetrics {
  readonly registry = new Registry();
  readonly #requests = new FastCounter({
    name: "rewardkit_http_requests_total",
    help: "HTTP requests answered, by route, method and status.",
    labelNames: ["route", "method", "status"],
  });
  readonly #latency = new FastHistogram({
    name: "rewardkit_http_request_duration_seconds",
    help: "Time from request start to reply, by route.",
    labelNames: ["route"],
    buckets: latencyBuckets,
  });
  readonly #requestErrors = new FastCounter({
    name: "rewardkit_http_errors_total",
    help: "Requests answered with an error, by route and error code.",
    labelNames: ["route", "code"],
  });
  readonly #samples = new FastCounter({ name: "rewardkit_samples_scored_total", help: "Samples scored." });
  readonly #sampleErrors = new FastCounter({
    name: "rewardkit_sample_errors_total",
    help: "Samples whose result carries an error, by error code and failing node.",
    labelNames: ["code", "node"],
  });
  readonly #reward = new FastHistogram({
    name: "rewardkit_reward",
    help: 'Scores by component ("reward" is the total a sample receives).',
    labelNames: ["component"],
    buckets: rewardBuckets,
  });
  readonly #batchSize = new FastHistogram({
    name: "rewardkit_batch_size",
    help: "Samples per scored batch (micro-batches gather concurrent single-rollout requests).",
    buckets: batchBuckets,
  });
  readonly #components = new Map<string, HistogramSeries>();
  /** The component names of the last result, by position, and their series. */
  readonly #lastKeys: string[] = [];
  readonly #lastSeries: HistogramSeries[] = [];
  // Per-request lookups without building a label key (the registry's series stay the source of truth).
  readonly #requestsByRoute = new Map<string, Map<string, Map<number, { value: number }>>>();
  readonly #latencyByRoute = new Map<string, HistogramSeries>();

  constructor(options: { cache: ResultCache; gauges: ServerGauges }) {
    const registers = [this.registry];
    collectDefaultMetrics({ register: this.registry });
    for (const metric of [
      this.#requests,
      this.#latency,
      this.#requestErrors,
      this.#samples,
      this.#sampleErrors,
      this.#reward,
      this.#batchSize,
    ]) {
      // The registry only calls get(), name, help, type and aggregator, which these provide.
      this.registry.registerMetric(metric as unknown as Metric);
    }
    const { cache, gauges } = options;
    let reportedHits = 0;
    let reportedMisses = 0;
    new Counter({
      name: "rewardkit_cache_hits_total",
      help: "Result cache hits (nodes with cache: true).",
      registers,
      collect() {
        this.inc(cache.stats.hits - reportedHits);
        reportedHits = cache.stats.hits;
      },
    });
    new Counter({
      name: "rewardkit_cache_misses_total",
      help: "Result cache misses.",
      registers,
      collect() {
        this.inc(cache.stats.misses - reportedMisses);
        reportedMisses = cache.stats.misses;
      },
    });
    const gauge = (name: string, help: string, read: () => number) =>
      new Gauge({
        name,
        help,
        registers,
        collect() {
          this.set(read());
        },
      });
    gauge(
      "rewardkit_queued_samples",
      "Samples admitted and waiting for a scoring slot.",
      gauges.queuedSamples,
    );
    gauge("rewardkit_inflight_batches", "Batches being scored now.", gauges.inFlightBatches);
    gauge("rewardkit_inflight_requests", "Requests being handled now.", gauges.inFlightRequests);
  }

  request(options: { route: string; method: string; status: number; seconds: number }): void {
    this.#requestSeries(options.route, options.method, options.status).value++;
    this.#latencySeries(options.route).observe(options.seconds);
  }

  /** The counter series for a route, method and status: looked up once, then by three map reads. */
  #requestSeries(route: string, method: string, status: number): { value: number } {
    let byMethod = this.#requestsByRoute.get(route);
    if (!byMethod) {
      byMethod = new Map();
      if (this.#requestsByRoute.size < 1024) this.#requestsByRoute.set(route, byMethod);
    }
    let byStatus = byMethod.get(method);
    if (!byStatus) {
      byStatus = new Map();
      byMethod.set(method, byStatus);
    }
    let series = byStatus.get(status);
    if (!series) {
      series = this.#requests.labels(route, method, String(status));
      byStatus.set(status, series);
    }
    return series;
  }

  #latencySeries(route: string): HistogramSeries {
    let series = this.#latencyByRoute.get(route);
    if (!series) {
      series = this.#latency.labels(route);
      if (this.#latencyByRoute.size < 1024) this.#latencyByRoute.set(route, series);
    }
    return series;
  }

  requestError(route: string, code: string): void {
    this.#requestErrors.inc(1, route, code);
  }

  batch(samples: number): void {
    this.#batchSize.labels().observe(samples);
  }

  results(results: readonly RewardResult[]): void {
    this.#samples.inc(results.length);
    const total = this.#component("reward");
    for (const result of results) {
      total.observe(result.score);
      const components = result.components;
      if (components) {
        // Every result of a spec has the same component names in the same order: the series of
        // the key at each position is remembered, so a sample costs no map lookup (a 256-sample
        // batch: 15 → 10 µs in process).
        let position = 0;
        for (const key in components) {
          let series: HistogramSeries;
          if (this.#lastKeys[position] === key) series = this.#lastSeries[position] as HistogramSeries;
          else {
            series = this.#component(key);
            this.#lastKeys[position] = key;
            this.#lastSeries[position] = series;
          }
          series.observe(components[key] as number);
          position++;
        }
      }
      const error = rowError(result);
      if (error) this.#sampleErrors.inc(1, error.code, error.node ?? "");
    }
  }

  /** Samples refused before scoring (invalid input) count as errors too. */
  sampleError(code: string): void {
    this.#sampleErrors.inc(1, code, "");
  }

  #component(name: string): HistogramSeries {
    let series = this.#components.get(name);
    if (!series) {
      series = this.#reward.labels(name);
      this.#components.set(name, series);
    }
    return series;
  }
}
