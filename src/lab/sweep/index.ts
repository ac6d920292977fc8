// Lab sweeps: one experiment over seeds × settings, run in this process, on worker threads or on
// BullMQ workers, aggregated into claim counts and curve bands.
export * from "./run-sweep.js";
export * from "./sweep-bands.js";
export * from "./sweep-claims.js";
export * from "./sweep-grid.js";
export * from "./sweep-queue.js";
export * from "./sweep-report.js";
export * from "./sweep-results.js";
export * from "./sweep-task.js";
export * from "./sweep-threads.js";
export * from "./sweep-worker.js";
