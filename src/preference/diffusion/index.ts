export * from "./d3po.js";
export * from "./flow-dpo.js";
export * from "./reward-weights.js";
