export * from "./hypergrid.js";
export * from "./hypergrid-reward.js";
