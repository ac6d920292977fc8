export * from "./hypergrid.js";
export * from "./hypergrid-definition.js";
export * from "./hypergrid-reward.js";
