export * from "./compare-samples.js";
export * from "./epic.js";
export * from "./grouped.js";
export * from "./sampled-epic.js";
export * from "./starc.js";
export * from "./tabular-mdp.js";
