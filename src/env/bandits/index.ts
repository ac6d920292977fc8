export * from "./contextual-bandit.js";
export * from "./multi-armed-bandit.js";
