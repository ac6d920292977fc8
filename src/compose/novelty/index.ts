export * from "./count-novelty-node.js";
export * from "./elliptical-novelty-node.js";
export * from "./step-field.js";
