export * from "./contextual-bandit.js";
export * from "./contextual-bandit-definition.js";
export * from "./multi-armed-bandit.js";
export * from "./multi-armed-bandit-definition.js";
