export * from "./chunk-job.js";
export * from "./connection.js";
export * from "./queue-scorer.js";
export * from "./result-codec.js";
export * from "./run-file.js";
export * from "./scoring-worker.js";
export * from "./spec-cache.js";
export * from "./worker-metrics.js";
