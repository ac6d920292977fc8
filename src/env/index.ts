export * from "./agents/index.js";
export * from "./environment.js";
export * from "./trajectory.js";
