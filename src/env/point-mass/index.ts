export * from "./point-mass.js";
export * from "./point-mass-definition.js";
export * from "./point-mass-dynamics.js";
export * from "./point-mass-expert.js";
