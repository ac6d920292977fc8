import { AggregatorRegistry, type Registry } from "prom-client";
import { askPrimary, type PrimaryHandler } from "./cluster-ipc.js";

export const clusterMetricsTopic = "metrics";

/**
 * In the primary: answers a worker's /metrics with every worker's metrics summed (prom-client's
 * cluster aggregation: counters and histograms add up, gauges by their own aggregator).
 */
export function clusterMetricsHandler(): PrimaryHandler {
  const aggregator = new AggregatorRegistry();
  return () => aggregator.clusterMetrics();
}

/** In a worker: lets the primary collect this worker's registry when any worker is scraped. */
export function reportRegistryToPrimary(registry: Registry): void {
  // Constructing one registers prom-client's worker-side listener; setRegistries names what it reports.
  new AggregatorRegistry();
  AggregatorRegistry.setRegistries([registry]);
}

/** In a worker: what /metrics serves — the whole cluster's figures, whichever worker is scraped. */
export function fetchClusterMetrics(): Promise<string> {
  return askPrimary<string>(clusterMetricsTopic, null);
}
