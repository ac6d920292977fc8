export * from "./flow-matching.js";
export * from "./flow-sampler.js";
export * from "./velocity-network.js";
