export * from "./active-learning.js";
export * from "./learn-selection-policy.js";
export * from "./query-features.js";
