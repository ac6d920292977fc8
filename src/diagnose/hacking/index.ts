// Reward-hacking flags over training steps (issue 22): aggregates, detectors, the report.
export * from "./detectors.js";
export * from "./diagnose-hacking.js";
export * from "./flag.js";
export * from "./flags/detector.js";
export * from "./observe.js";
export * from "./options.js";
export * from "./run-series.js";
export * from "./statistics/correlation.js";
export * from "./statistics/mann-kendall.js";
export * from "./statistics/trend-change.js";
export * from "./step-aggregate.js";
export * from "./synthetic-run.js";
export * from "./text/copied-prompt.js";
export * from "./text/hedging.js";
export * from "./text/repetition.js";
export * from "./text/text-signals.js";
export * from "./text/words.js";
