import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from "prom-client";

/** A worker's Prometheus metrics (`GET /metrics`): chunks by outcome, rows, time per chunk. */
export class WorkerMetrics {
  readonly registry = new Registry();
  readonly chunks = new Counter({
    name: "rewardkit_queue_chunks_total",
    help: "Chunks this worker finished, by outcome (completed, failed).",
    labelNames: ["outcome"] as const,
    registers: [this.registry],
  });
  readonly rows = new Counter({
    name: "rewardkit_queue_rows_total",
    help: "Rows this worker scored.",
    registers: [this.registry],
  });
  readonly active = new Gauge({
    name: "rewardkit_queue_active_chunks",
    help: "Chunks being scored now.",
    registers: [this.registry],
  });
  readonly seconds = new Histogram({
    name: "rewardkit_queue_chunk_seconds",
    help: "Time to score one chunk, from compile-cache lookup to encoded result.",
    buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 10, 30, 60, 300],
    registers: [this.registry],
  });
  readonly cachedSpecs = new Gauge({
    name: "rewardkit_queue_cached_specs",
    help: "Compiled specs the worker keeps by content hash.",
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
  }
}
