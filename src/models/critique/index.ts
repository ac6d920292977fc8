export * from "./critique-model.js";
export * from "./critique-rm-node.js";
export * from "./train-critique-model.js";
